import Commerce
import Foundation
import Storage
import TestSupport

/// A UTC shop with five customers, their orders online and in store (location 2 "Shop"), two
/// product types, and (optionally) a hand-made scoring run, saved through the real SQLite store.
///
/// Customers (consent as Shopify sends it; Eve's names are hostile on purpose):
///
/// | id | name | email | phone | email ok | sms ok | tags |
/// |---|---|---|---|---|---|---|
/// | 7001 | Ada Lovelace | ada@example.com | — | yes | no | VIP, north |
/// | 7002 | Bob Test | bob@example.com | +15550100002 | no | no | |
/// | 7003 | Cy Test | cy@example.com | +15550100003 | no | yes | |
/// | 7004 | Dee Test | — | — | yes | no | |
/// | 7005 | =HYPERLINK("x") / O"Brien, Jr | eve@example.com | — | yes | yes | @admin |
///
/// Orders (noon UTC; product 900 "Coffee" is variant 9001, product 901 "Mugs" is variant 9011):
///
/// | order | who | day | channel | lines | total | note |
/// |---|---|---|---|---|---|---|
/// | 1 | Ada | 01-01 | online | 2 × 9001 at 25.00 | 50.00 | |
/// | 2 | guest " ADA@Example.com" | 01-11 | POS | 1 × 9011 at 30.00 | 30.00 | Ada's by email |
/// | 3 | Ada | 01-21 | online | 1 × 9001 at 99.00 | 99.00 | cancelled |
/// | 4 | Ada | 01-31 | online | 1 × 9001 at 40.00 | 40.00 | refund 10.00 |
/// | 5 | Bob | 01-05 | online | 1 × 9001 at 20.00 | 20.00 | |
/// | 7, 9 | Cy | 01-02, 02-09 | POS | 1 × 9011 at 60.00 / 45.00 | | |
/// | 11 | Dee | 01-10 | online | 1 × 9001 at 35.00 | 35.00 | |
/// | 13 | Eve | 01-12 | online | 1 × 9001 at 80.00 | 80.00 | |
///
/// Ada's lifetime spend by hand: 50 + 30 + 40 − 10 = 110.00 over 3 orders (3 cancelled);
/// last online order #4, last in-store #2 at "Shop"; Coffee 2 + 1 = 3 units, Mugs 1.
///
/// Hand-made scores (minor units; churn risk = 1 − P(alive)):
///
/// | id | segment | CLV | P(alive) | spend |
/// |---|---|---|---|---|
/// | 7001 | at_risk | 25000 | 0.40 | 11000 |
/// | 7002 | hibernating | 1000 | 0.20 | 2000 |
/// | 7003 | champions | 40000 | 0.90 | 10500 |
/// | 7004 | at_risk | 30000 | 0.30 | 3500 |
/// | 7005 | at_risk | 5000 | 0.45 | 8000 |
enum CustomerFixture {
    static let hostileFirst = "=HYPERLINK(\"x\")"
    static let hostileLast = "O\"Brien, Jr"

    static func customer(_ id: Int64, _ first: String, _ last: String, email: String?, phone: String?, emailOK: Bool, smsOK: Bool,
                         tags: [String] = []) -> Customer {
        Customer(id: id, email: email, phone: phone, firstName: first, lastName: last, state: "enabled", tags: tags,
                 acceptsEmailMarketing: emailOK, acceptsSMSMarketing: smsOK,
                 createdAt: SampleOrders.date("2024-01-01T00:00:00Z"), updatedAt: SampleOrders.date("2024-01-01T00:00:00Z"))
    }

    static func makeApp(scores: Bool = true) async throws -> TestApp {
        let app = try await TestApp(timeZone: "UTC")
        let shopID = app.shop.id
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shopID, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                          receivedAt: Date(), source: .webhook)
        }
        let ada = customer(7001, "Ada", "Lovelace", email: "ada@example.com", phone: nil, emailOK: true, smsOK: false, tags: ["VIP", "north"])
        let bob = customer(7002, "Bob", "Test", email: "bob@example.com", phone: "+15550100002", emailOK: false, smsOK: false)
        let cy = customer(7003, "Cy", "Test", email: "cy@example.com", phone: "+15550100003", emailOK: false, smsOK: true)
        let dee = customer(7004, "Dee", "Test", email: nil, phone: nil, emailOK: true, smsOK: false)
        let eve = customer(7005, hostileFirst, hostileLast, email: "eve@example.com", phone: nil, emailOK: true, smsOK: true, tags: ["@admin"])
        func order(_ id: Int64, _ who: Customer?, _ day: String, _ variant: Int64, _ quantity: Int, _ cents: Int64, pos: Bool = false,
                   cancelled: Bool = false, email: String? = nil) -> IncomingEvent {
            var o = SampleOrders.order(id: id, name: "#\(id)", createdAt: "\(day)T12:00:00Z", lines: [(variant, quantity, cents)],
                                       customer: who, channel: pos ? .pos : .web, locationID: pos ? 2 : nil,
                                       cancelledAt: cancelled ? "\(day)T13:00:00Z" : nil)
            if who == nil { o.email = email }
            return event(.order(o), .ordersCreate, "order-\(id)")
        }
        let updated = SampleOrders.date("2023-12-01T00:00:00Z")
        _ = try await app.store.ingest([
            event(.product(Product(id: 900, title: "House Blend", productType: "Coffee", updatedAt: updated, variants: [
                Variant(id: 9001, productID: 900, title: "250 g", sku: "HB-250", price: SampleOrders.usd(2500)),
            ])), .productsCreate, "p900"),
            event(.product(Product(id: 901, title: "Harbour Mug", productType: "Mugs", updatedAt: updated, variants: [
                Variant(id: 9011, productID: 901, title: "Default Title", sku: "MUG-1", price: SampleOrders.usd(3000)),
            ])), .productsCreate, "p901"),
            event(.location(Location(id: 2, name: "Shop", isPOS: true)), .locationsCreate, "loc2"),
            event(.customer(ada), .customersCreate, "c1"), event(.customer(bob), .customersCreate, "c2"),
            event(.customer(cy), .customersCreate, "c3"), event(.customer(dee), .customersCreate, "c4"),
            event(.customer(eve), .customersCreate, "c5"),
            order(1, ada, "2024-01-01", 9001, 2, 2500), order(2, nil, "2024-01-11", 9011, 1, 3000, pos: true, email: " ADA@Example.com"),
            order(3, ada, "2024-01-21", 9001, 1, 9900, cancelled: true), order(4, ada, "2024-01-31", 9001, 1, 4000),
            event(.refund(Refund(id: 41, orderID: 4, createdAt: SampleOrders.date("2024-02-01T15:00:00Z"), lineItems: [],
                                 amount: SampleOrders.usd(1000))), .refundsCreate, "refund-41"),
            order(5, bob, "2024-01-05", 9001, 1, 2000),
            order(7, cy, "2024-01-02", 9011, 1, 6000, pos: true), order(9, cy, "2024-02-09", 9011, 1, 4500, pos: true),
            order(11, dee, "2024-01-10", 9001, 1, 3500), order(13, eve, "2024-01-12", 9001, 1, 8000),
        ])
        if scores { _ = try await saveScores(app) }
        return app
    }

    static func score(_ id: Int64, _ segment: String, clv: Int64, alive: Double, spend: Int64, orders: Int = 1, last: String = "2024-01-31") -> CustomerScoreRow {
        CustomerScoreRow(customerID: id, orders: orders, onlineOrders: orders, posOrders: 0, frequency: Double(orders - 1), recencyDays: 10,
                         ageDays: 40, firstOrderDay: "2024-01-01", lastOrderDay: last, spendMinor: spend, refundedMinor: 0, currency: "USD",
                         probabilityAlive: alive, expectedPurchases: 0.5, expectedOrderValueMinor: 3000, lifetimeValueMinor: clv,
                         recencyScore: 2, frequencyScore: 3, monetaryScore: 3, segment: segment)
    }

    static let run = CustomerValueRun(
        shopID: 0, createdAt: SampleOrders.date("2024-02-15T18:00:00Z"), model: "bgnbd",
        parameters: ["r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426], spendParameters: [:], meanOrderValue: 3642.86, unitDays: 1,
        logLikelihood: -42.5, customers: 5, repeatBuyers: 2, orders: 11, skippedOrders: 1, currency: "USD", horizonDays: 90,
        clvMonths: 12, holdout: CustomerHoldout(days: 90, customers: 4, meanAbsoluteError: 0.375, predictedPurchases: 2.5, actualPurchases: 3),
        seconds: 0.012, eventCount: 17)

    @discardableResult
    static func saveScores(_ app: TestApp) async throws -> CustomerValueRun {
        var run = run
        run.shopID = app.shop.id
        return try await app.store.saveCustomerScores(run, scores: [
            score(7001, "at_risk", clv: 25000, alive: 0.40, spend: 11000, orders: 3),
            score(7002, "hibernating", clv: 1000, alive: 0.20, spend: 2000),
            score(7003, "champions", clv: 40000, alive: 0.90, spend: 10500, orders: 2, last: "2024-02-09"),
            score(7004, "at_risk", clv: 30000, alive: 0.30, spend: 3500, last: "2024-01-10"),
            score(7005, "at_risk", clv: 5000, alive: 0.45, spend: 8000, last: "2024-01-12"),
        ], keepRuns: 5)
    }
}
