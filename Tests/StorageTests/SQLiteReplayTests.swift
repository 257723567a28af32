import Commerce
import Foundation
import Synchronization
import Testing
@testable import Storage

@Suite struct SQLiteReplayTests {
    /// A log that exercises every projection rule: out-of-order updates, cancellation, refunds
    /// before and after their order, stock, catalog changes, a deletion and a redaction.
    func ingestHistory(_ db: ConformanceDatabase, shopID: Int64) async throws {
        try await SQLiteDemandTests().seed(db, shopID: shopID)
        try await SQLitePrivacyTests().seed(db, shopID: shopID)
        let product = Product(id: 500, title: "Tee", vendor: "Acme", tags: ["summer"], createdAt: utc("2024-02-01T00:00:00Z"),
                              updatedAt: utc("2024-03-01T00:00:00Z"), variants: [
            Variant(id: 11, productID: 500, title: "S", sku: "TEE-S", price: usd(1500), inventoryItemID: 7011, inventoryQuantity: 4),
            Variant(id: 12, productID: 500, title: "M", sku: "TEE-M", price: usd(999), compareAtPrice: usd(1299), inventoryItemID: 7012),
        ])
        var renamed = product
        renamed.title = "Tee (old)"
        renamed.updatedAt = utc("2024-02-15T00:00:00Z")
        let early = Refund(id: 990, orderID: 4001, createdAt: utc("2024-03-20T15:00:00Z"), lineItems: [
            RefundLineItem(id: 1, lineItemID: 1, variantID: 12, quantity: 1, restockType: "return", locationID: 77, subtotal: usd(999)),
        ], amount: usd(999))
        let lateOrder = makeOrder(id: 4001, createdAt: "2024-03-19T15:00:00Z", lines: [line(1, variant: 12, quantity: 2, price: 999)],
                                  locationID: 77, channel: .pos)
        func level(_ item: Int64, _ available: Int, _ at: String) -> IncomingEvent {
            event(shopID: shopID, .inventoryLevel(InventoryLevel(inventoryItemID: item, locationID: 77, available: available, updatedAt: utc(at))),
                  topic: .inventoryLevelsUpdate, webhookID: "inv-\(item)-\(at)")
        }
        let outcomes = try await db.ingest([
            event(shopID: shopID, .location(Location(id: 77, name: "Main Street", isPOS: false)), topic: .locationsCreate, webhookID: "l77"),
            event(shopID: shopID, .product(product), topic: .productsCreate, webhookID: "p500"),
            event(shopID: shopID, .product(renamed), topic: .productsUpdate, webhookID: "p500-old"),
            event(shopID: shopID, .product(Product(id: 600, title: "Mug", updatedAt: utc("2024-03-01T00:00:00Z"), variants: [
                Variant(id: 21, productID: 600, title: "Default", price: usd(800))])), topic: .productsCreate, webhookID: "p600"),
            event(shopID: shopID, .productDeleted(id: 600), topic: .productsDelete, webhookID: "p600-del"),
            level(7011, 0, "2024-03-13T14:00:00Z"), level(7011, 5, "2024-03-14T10:00:00Z"), level(7012, 3, "2024-03-18T10:00:00Z"),
            level(7011, 2, "2024-03-12T20:00:00Z"),
            event(shopID: shopID, .refund(early), topic: .refundsCreate, webhookID: "r990"),
            orderEvent(shopID: shopID, lateOrder, topic: .ordersCreate),
            orderEvent(shopID: shopID, makeOrder(id: 1002, createdAt: "2024-03-10T12:00:00Z", updatedAt: "2024-03-12T09:00:00Z",
                                                 lines: [line(3, variant: 11, quantity: 3, price: 1500)], cancelledAt: "2024-03-12T09:00:00Z")),
            event(shopID: shopID, .customersRedact(CustomerPrivacyRequest(shopID: 9, shopDomain: "demo.myshopify.com", customerID: 1,
                                                                         customerEmail: "ada@example.com", customerPhone: nil, orderIDs: [2002], requestID: nil)),
                  topic: .customersRedact, webhookID: "redact"),
            event(shopID: shopID, .unknown(topic: "carts/update"), topic: .unknown("carts/update"), webhookID: "cart"),
        ])
        #expect(!outcomes.contains { if case .failed = $0 { true } else { false } }, "\(outcomes)")
    }

    func snapshot(_ db: ConformanceDatabase, shopID: Int64) async throws -> [String: [String]] {
        var tables: [String: [String]] = [:]
        for table in SQLiteMigrations.projectionTables.map(\.name) {
            tables[table] = try await db.rows(table, shopID: shopID)
        }
        return tables
    }

    @Test(arguments: Backend.all) func rebuildGivesIdenticalProjections(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let other = try await db.makeShop(domain: "other.myshopify.com")
        try await ingestHistory(db, shopID: shop.id)
        try await ingestHistory(db, shopID: other.id)
        let digest = try await db.store.projectionDigest(shopID: shop.id)
        let before = try await snapshot(db, shopID: shop.id)
        #expect(before["daily_demand"]?.isEmpty == false)
        #expect(before["refund_line_items"]?.isEmpty == false)
        let otherDigest = try await db.store.projectionDigest(shopID: other.id)
        #expect(otherDigest == digest, "same history, same projections, whatever the shop id")

        let calls = Mutex<[(Int, Int)]>([])
        try await db.store.rebuildProjections(shopID: shop.id) { done, total in calls.withLock { $0.append((done, total)) } }
        let events = try await db.store.eventCount(shopID: shop.id)
        #expect(calls.withLock { $0.last.map { [$0.0, $0.1] } } == [events, events])

        let after = try await snapshot(db, shopID: shop.id)
        for (table, rows) in before {
            #expect(after[table] == rows, "table \(table)")
        }
        #expect(try await db.store.projectionDigest(shopID: shop.id) == digest)
        #expect(try await db.store.projectionDigest(shopID: other.id) == otherDigest)
        // And a digest notices a change.
        _ = try await db.ingest([event(shopID: shop.id, .location(Location(id: 78, name: "Pop-up", isPOS: true)),
                                       topic: .locationsCreate, webhookID: "l78")])
        #expect(try await db.store.projectionDigest(shopID: shop.id) != digest)
    }

    @Test(arguments: Backend.all) func readsReflectTheHistory(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await ingestHistory(db, shopID: shop.id)
        let products = try await db.store.products(shopID: shop.id, limit: 10, offset: 0)
        #expect(products.map(\.title) == ["Tee"])
        #expect(products.first?.variants.map(\.id) == [11, 12])
        #expect(products.first?.variants.last?.compareAtPrice == usd(1299))
        #expect(try await db.store.locations(shopID: shop.id) == [Location(id: 77, name: "Main Street", isPOS: false)])
        let page = try await db.store.orders(shopID: shop.id, from: utc("2024-03-06T00:00:00Z"), to: utc("2024-03-11T00:00:00Z"), limit: 3, offset: 0)
        // Created in [03-06T00Z, 03-11T00Z), newest first: 1005 (03-10 15:00Z, the test order),
        // 1002 (12:00Z), 1001 (03:30Z); then 2003 and 2002 on the 6th, cut by the limit.
        #expect(page.map(\.id) == [1005, 1002, 1001])
        #expect(page.first?.units == 5)
        #expect(page[1].cancelledAt == utc("2024-03-12T09:00:00Z"))
        let next = try await db.store.orders(shopID: shop.id, from: utc("2024-03-06T00:00:00Z"), to: utc("2024-03-11T00:00:00Z"), limit: 3, offset: 3)
        #expect(next.map(\.id) == [2003, 2002])
        let late = try #require(try await db.store.order(shopID: shop.id, id: 4001))
        #expect(late.channel == .pos && late.locationID == 77 && late.refunds.map(\.id) == [990])
        // The refund arrived before its POS order: it moved to the order's location (77).
        let v12 = try await db.store.demand(shopID: shop.id, variantID: 12, locationID: 77, fromDay: nil, toDay: nil, limit: 10)
        #expect(v12 == [
            DemandDay(variantID: 12, locationID: 77, day: "2024-03-18", units: 0, refundedUnits: 0, revenueMinor: 0, inStock: true),
            DemandDay(variantID: 12, locationID: 77, day: "2024-03-19", units: 2, refundedUnits: 0, revenueMinor: 1998, inStock: true),
            DemandDay(variantID: 12, locationID: 77, day: "2024-03-20", units: 0, refundedUnits: 1, revenueMinor: 0, inStock: true),
        ])
        let stats = try await db.store.stats(shopID: shop.id)
        #expect(stats.orders == 9 && stats.products == 1 && stats.variants == 2 && stats.customers == 2 && stats.locations == 1)
        #expect(stats.events == (try await db.store.eventCount(shopID: shop.id)))
        #expect(stats.firstOrderAt == utc("2024-03-05T15:00:00Z"))
        #expect(stats.lastOrderAt == utc("2024-03-19T15:00:00Z"))
    }
}
