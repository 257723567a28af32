import Commerce
import Foundation
@testable import Storage
import Testing
import TestSupport

/// `DemandHistoryReader.stockedDemand` on every backend: the window ends are inclusive and
/// either may be open.
@Suite struct StockedDemandTests {
    @Test(arguments: Backend.all) func windowEndsAreInclusiveAndOptional(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let store = db.store
        let shop = try await store.createShop(Shop(domain: "window.myshopify.com", name: "W", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let product = Product(id: 500, title: "Beans", updatedAt: SampleOrders.date("2024-02-01T00:00:00Z"), variants: [
            Variant(id: 11, productID: 500, title: "V", price: SampleOrders.usd(1000), inventoryItemID: 7011),
        ])
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shop.id, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                          receivedAt: Date(), source: .webhook)
        }
        // Sales of 1, 2 and 3 units on 1, 2 and 3 March at POS location 77.
        var events = [event(.product(product), .productsCreate, "p")]
        for day in 1...3 {
            let order = SampleOrders.order(id: Int64(day), name: "#\(day)", createdAt: "2024-03-0\(day)T12:00:00Z",
                                           lines: [(11, day, 1000)], customer: nil, channel: .pos, locationID: 77)
            events.append(event(.order(order), .ordersCreate, "o\(day)"))
        }
        _ = try await store.ingest(events)

        func units(from: String?, through: String?) async throws -> [Int] {
            try await store.stockedDemand(shopID: shop.id, variantID: nil, locationID: nil, fromDay: from, throughDay: through).map(\.units)
        }
        #expect(try await units(from: nil, through: nil) == [1, 2, 3])
        #expect(try await units(from: "2024-03-02", through: nil) == [2, 3])
        #expect(try await units(from: "2024-03-02", through: "2024-03-02") == [2])
        #expect(try await units(from: nil, through: "2024-03-02") == [1, 2])
        // The older signature reads the whole history up to the day.
        #expect(try await store.stockedDemand(shopID: shop.id, variantID: 11, locationID: 77, throughDay: "2024-03-03").map(\.day)
                == ["2024-03-01", "2024-03-02", "2024-03-03"])
    }
}
