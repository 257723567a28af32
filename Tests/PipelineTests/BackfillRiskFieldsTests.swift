import Commerce
import FakeShopify
import Foundation
import Pipeline
import ShopifyAdmin
import Simulation
import Storage
import Testing

/// A shop's history, backfilled over Admin GraphQL, carries what the risk model trains on: a seeded
/// order's payment attempts (BIN, AVS, CVV, error code), shipping line, manual discount, POS staff and
/// its refund's staff and location survive fake Shopify → bulk JSONL → decoder → event log.
@Suite("Backfill keeps the risk fields", .serialized)
struct BackfillRiskFieldsTests {
    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "USD") }

    /// A POS sale rung up by staff member 44 with a price override, paid by card after one decline,
    /// partly refunded by staff member 45 at the same till.
    static let posOrder: Order = {
        let created = Date(timeIntervalSince1970: 1_772_360_100)  // 2026-03-01T10:15:00Z
        let refunded = created.addingTimeInterval(4 * 86_400)
        return Order(
            id: 7_000_001, name: "#2001", orderNumber: 2001, createdAt: created, processedAt: created,
            updatedAt: refunded, currency: "USD", channel: .pos, locationID: 77, browserIP: "203.0.113.9",
            financialStatus: "partially_refunded", subtotalPrice: usd(4000), totalPrice: usd(3200),
            totalDiscounts: usd(800), totalTax: usd(0),
            lineItems: [LineItem(id: 70_000_011, productID: nil, variantID: nil, title: "Jacket", quantity: 1, price: usd(4000), totalDiscount: usd(800))],
            refunds: [Refund(id: 7_100_001, orderID: 7_000_001, createdAt: refunded, processedAt: refunded, lineItems: [],
                             amount: usd(1000), userID: 45, locationID: 77)],
            userID: 44,
            shippingLines: [ShippingLine(title: "Express", code: "EXP", source: "shopify", price: usd(1500))],
            discountApplications: [DiscountApplication(type: "manual", title: "Override", valueType: "percentage", value: 20,
                                                       targetType: "line_item")],
            payments: [
                PaymentAttempt(id: 7_200_001, kind: "sale", status: "failure", gateway: "shopify_payments", amount: usd(3200),
                               createdAt: created.addingTimeInterval(-60), cardBIN: "411111", cardCompany: "Visa",
                               avsResultCode: "N", cvvResultCode: "N", errorCode: "card_declined"),
                PaymentAttempt(id: 7_200_002, kind: "sale", status: "success", gateway: "shopify_payments", amount: usd(3200),
                               createdAt: created, cardBIN: "510510", cardCompany: "Mastercard", avsResultCode: "Y", cvvResultCode: "M"),
            ])
    }()

    /// An online order with a code for fixed money off and no staff, shipping or payments.
    static let webOrder = Order(
        id: 7_000_002, name: "#2002", orderNumber: 2002, createdAt: Date(timeIntervalSince1970: 1_772_400_000),
        updatedAt: Date(timeIntervalSince1970: 1_772_400_060), currency: "USD", channel: .web, financialStatus: "paid",
        subtotalPrice: usd(2000), totalPrice: usd(1500), totalDiscounts: usd(500), totalTax: usd(0),
        lineItems: [LineItem(id: 70_000_021, productID: nil, variantID: nil, title: "Cap", quantity: 1, price: usd(2000), totalDiscount: usd(0))],
        discountCodes: [DiscountCode(code: "FIVE", amount: usd(500), type: "fixed_amount")],
        discountApplications: [DiscountApplication(type: "discount_code", title: "FIVE", valueType: "fixed_amount", value: 5,
                                                   targetType: "line_item")])

    /// Backfills the fake's orders into a new store; the orders/create bodies of its event log by id.
    static func backfill(_ fake: FakeShopify) async throws -> (summary: BackfillResourceSummary?, orders: [Int64: Order]) {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: fake.configuration.shopDomain, name: "Fake", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let runner = BackfillRunner(shopID: shop.id, shopDomain: shop.shop.domain, client: AdminBackfillClient(client: client),
                                    eventLog: store, checkpoints: store, dataDirectory: directory,
                                    options: BackfillOptions(resources: [.orders], batchSize: 50, pollInterval: 0.05))
        let summaries = try await runner.run()
        // What the risk model replays: the orders/create bodies in the event log.
        var backfilled: [Int64: Order] = [:]
        var after: Int64 = 0
        while true {
            let events = try await store.events(shopID: shop.id, after: after, limit: 500)
            for event in events where event.topic == "orders/create" {
                if case .order(let order) = try ShopifyJSON.decode(topic: .ordersCreate, body: event.body, shopCurrency: "USD") {
                    backfilled[order.id] = order
                }
            }
            guard let last = events.last else { break }
            after = last.sequence
        }
        return (summaries.first, backfilled)
    }

    @Test("a seeded order's BIN/AVS/CVV, shipping line, manual discount, staff and refund location reach the event log")
    func riskFieldsSurviveTheBackfill() async throws {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration())
        await fake.seed(locations: [Commerce.Location(id: 77, name: "Downtown", isPOS: true)], orders: [Self.posOrder, Self.webOrder])
        let (summary, backfilled) = try await Self.backfill(fake)
        await fake.stop()
        #expect(summary?.stored == 2)
        #expect(summary?.failed == 0, "\(summary?.failures ?? [])")
        let pos = try #require(backfilled[Self.posOrder.id])
        #expect(pos.payments == Self.posOrder.payments)
        #expect(pos.payments.map(\.cardBIN) == ["411111", "510510"])
        #expect(pos.payments.map(\.avsResultCode) == ["N", "Y"])
        #expect(pos.payments.map(\.cvvResultCode) == ["N", "M"])
        #expect(pos.shippingLines == Self.posOrder.shippingLines)
        #expect(pos.discountApplications == Self.posOrder.discountApplications)
        #expect(pos.discountApplications.first?.isManual == true)
        #expect(pos.userID == 44)
        #expect(pos.locationID == 77)
        #expect(pos.browserIP == "203.0.113.9")
        #expect(pos.refunds.map(\.userID) == [45])
        #expect(pos.refunds.map(\.locationID) == [77])

        let web = try #require(backfilled[Self.webOrder.id])
        #expect(web.discountApplications == Self.webOrder.discountApplications)
        #expect(web.userID == nil && web.payments.isEmpty && web.shippingLines.isEmpty)
    }

    @Test("the store simulator's checkout details (fraud on) come back from the backfill as the fake holds them")
    func simulatedShopSurvivesTheBackfill() async throws {
        let configuration = SimulationConfiguration(
            seed: 11, startDate: Date(timeIntervalSince1970: 1_709_269_200), days: 20, productCount: 30, posLocationCount: 2,
            customerCount: 400, averageOrdersPerDay: 40, emitsInventoryEvents: false, fraud: FraudConfiguration.standard.scaled(by: 5))
        let fake = try await FakeShopify.start(FakeShopifyConfiguration())
        let count = await fake.seed(from: StoreSimulator(configuration: configuration), orderLimit: 600)
        let (summary, backfilled) = try await Self.backfill(fake)
        var held: [Order] = []
        for id in backfilled.keys.sorted() { if let order = await fake.order(id: id) { held.append(order) } }
        await fake.stop()
        #expect(summary?.failed == 0, "\(summary?.failures ?? [])")
        #expect(backfilled.count == count && held.count == count)
        // The run has every kind of detail the risk features read.
        #expect(held.contains { !$0.payments.isEmpty } && held.contains { !$0.shippingLines.isEmpty })
        #expect(held.contains { $0.discountApplications.contains(where: \.isManual) } && held.contains { $0.userID != nil })
        #expect(held.contains { $0.refunds.contains { $0.locationID != nil && $0.userID != nil } })
        for original in held {
            let order = try #require(backfilled[original.id])
            #expect(order.payments == original.payments, "order \(original.id)")
            #expect(order.shippingLines == original.shippingLines, "order \(original.id)")
            #expect(order.discountApplications == original.discountApplications, "order \(original.id)")
            #expect(order.userID == original.userID, "order \(original.id)")
            #expect(order.refunds.map(\.userID) == original.refunds.map(\.userID), "order \(original.id)")
            #expect(order.refunds.map(\.locationID) == original.refunds.map(\.locationID), "order \(original.id)")
        }
    }
}
