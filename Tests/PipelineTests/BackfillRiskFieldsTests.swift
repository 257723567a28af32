import Commerce
import FakeShopify
import Foundation
import Pipeline
import ShopifyAdmin
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

    @Test("a seeded order's BIN/AVS/CVV, shipping line, manual discount, staff and refund location reach the event log")
    func riskFieldsSurviveTheBackfill() async throws {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration())
        await fake.seed(locations: [Commerce.Location(id: 77, name: "Downtown", isPOS: true)], orders: [Self.posOrder, Self.webOrder])
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: fake.configuration.shopDomain, name: "Fake", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let runner = BackfillRunner(shopID: shop.id, shopDomain: shop.shop.domain, client: AdminBackfillClient(client: client),
                                    eventLog: store, checkpoints: store, dataDirectory: directory,
                                    options: BackfillOptions(resources: [.orders], batchSize: 50, pollInterval: 0.05))
        let summaries = try await runner.run()
        await fake.stop()
        #expect(summaries.first?.stored == 2)
        #expect(summaries.first?.failed == 0, "\(summaries.first?.failures ?? [])")

        // What the risk model replays: the orders/create bodies in the event log.
        var backfilled: [Int64: Order] = [:]
        for event in try await store.events(shopID: shop.id, after: 0, limit: 100) where event.topic == "orders/create" {
            if case .order(let order) = try ShopifyJSON.decode(topic: .ordersCreate, body: event.body, shopCurrency: "USD") {
                backfilled[order.id] = order
            }
        }
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
}
