import Commerce
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Server
import Storage
import Testing
import TestSupport

/// A shop with a hand-made replenishment plan, saved through the real SQLite store.
///
/// Four lines as of 2024-03-06 (lost revenue, velocity, cover, SKU chosen so every sort has a
/// distinct, hand-checkable order):
///
/// | variant@loc | SKU    | vendor     | status       | ABC/XYZ | velocity | cover | lost/day | suggested |
/// |-------------|--------|------------|--------------|---------|----------|-------|----------|-----------|
/// | 11@77       | HB-250 | Bean Co    | out_of_stock | AY      | 2.0      | 0     | 2000     | 44        |
/// | 12@0        | HB-1K  | Bean Co    | reorder      | AX      | 1.5      | 9.3   | 0        | 18        |
/// | 21@77       | MUG-1  | Mugs <Ltd> | at_risk      | BZ      | 0.5      | 16    | 0        | 0         |
/// | 22@77       | MUG-2  | (none)     | overstock    | CZ      | 0.1      | 3000  | 0        | 0         |
///
/// Drafts: Bean Co (11@77 × 44 at $4.50, 12@0 × 18 at $15.00) and Mugs <Ltd> (21@77 × 12 at $3.00).
/// One transfer: 5 of variant 22 from Harbour Café (77) to the online store (0).
enum ReplenishmentFixture {
    static let hostileTitle = "<script>alert(\"x\")</script> & Mugs"
    static let asOf = SampleOrders.date("2024-03-06T23:00:00Z")

    static func line(
        _ variant: Int64, _ location: Int64, sku: String, product: String, variant title: String, vendor: String?, location name: String,
        onHand: Int, onOrder: Int = 0, velocity: Double, cover: Double?, rop: Int, suggested: Int, by: String?, lost: Int64,
        cost: Int64, abc: String, xyz: String, status: StockStatus, reason: String
    ) -> ReplenishmentLine {
        ReplenishmentLine(
            variantID: variant, locationID: location, productID: variant * 10, sku: sku, productTitle: product, variantTitle: title,
            vendor: vendor, locationName: name, onHand: onHand, onOrder: onOrder, committed: 0, position: onHand + onOrder,
            velocity: velocity, inStockDays: 28, daysOfCover: cover, leadTimeDays: 14, reviewPeriodDays: 7, serviceLevel: 0.95,
            distribution: "poisson", leadTimeDemand: velocity * 21, safetyStock: 3, reorderPoint: rop, orderUpTo: rop + suggested,
            suggestedQuantity: suggested, replenishBy: by, stockoutRisk: status == .outOfStock ? 1 : 0.2, lostRevenuePerDayMinor: lost,
            priceMinor: 1000, unitCostMinor: cost, abcClass: abc, xyzClass: xyz, status: status,
            markdownPercent: status == .overstock ? 30 : nil, reason: reason)
    }

    static let lines = [
        line(11, 77, sku: "HB-250", product: "House Blend", variant: "250 g", vendor: "Bean Co", location: "Harbour Café", onHand: 0,
             velocity: 2, cover: 0, rop: 30, suggested: 44, by: "2024-03-06", lost: 2000, cost: 450, abc: "A", xyz: "Y",
             status: .outOfStock, reason: "out of stock, 2.0/day over 28 in-stock days"),
        line(12, 0, sku: "HB-1K", product: "House Blend", variant: "1 kg", vendor: "Bean Co", location: "Online Store", onHand: 5,
             onOrder: 10, velocity: 1.5, cover: 9.3, rop: 25, suggested: 18, by: "2024-03-07", lost: 0, cost: 1500, abc: "A", xyz: "X",
             status: .reorder, reason: "position 15 at or below reorder point 25"),
        line(21, 77, sku: "MUG-1", product: hostileTitle, variant: "Default Title", vendor: "Mugs <Ltd>", location: "Harbour Café",
             onHand: 8, velocity: 0.5, cover: 16, rop: 6, suggested: 0, by: "2024-03-12", lost: 0, cost: 300, abc: "B", xyz: "Z",
             status: .atRisk, reason: "<b>may run out</b> before the next order arrives"),
        line(22, 77, sku: "MUG-2", product: "Espresso Cup", variant: "Blue", vendor: nil, location: "Harbour Café", onHand: 300,
             velocity: 0.1, cover: 3000, rop: 2, suggested: 0, by: nil, lost: 0, cost: 200, abc: "C", xyz: "Z",
             status: .overstock, reason: "3000 days of cover; mark down 30%"),
    ]

    /// A UTC shop with the catalog (so the CSV and dashboard can name items) and one saved plan.
    static func makeApp(withPlan: Bool = true) async throws -> TestApp {
        let app = try await TestApp(timeZone: "UTC")
        let shopID = app.shop.id
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shopID, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload, receivedAt: Date(), source: .webhook)
        }
        let updated = SampleOrders.date("2024-02-01T00:00:00Z")
        _ = try await app.store.ingest([
            event(.product(Product(id: 110, title: "House Blend", vendor: "Bean Co", updatedAt: updated, variants: [
                Variant(id: 11, productID: 110, title: "250 g", sku: "HB-250", price: SampleOrders.usd(1000)),
                Variant(id: 12, productID: 110, title: "1 kg", sku: "HB-1K", price: SampleOrders.usd(3000)),
            ])), .productsCreate, "p110"),
            event(.product(Product(id: 210, title: hostileTitle, vendor: "Mugs <Ltd>", updatedAt: updated, variants: [
                Variant(id: 21, productID: 210, title: "Default Title", sku: "MUG-1", price: SampleOrders.usd(800)),
            ])), .productsCreate, "p210"),
            event(.product(Product(id: 220, title: "Espresso Cup", updatedAt: updated, variants: [
                Variant(id: 22, productID: 220, title: "Blue", sku: "MUG-2", price: SampleOrders.usd(600)),
            ])), .productsCreate, "p220"),
            event(.location(Location(id: 77, name: "Harbour Café", isPOS: true)), .locationsCreate, "loc77"),
        ])
        if withPlan { _ = try await savePlan(app) }
        return app
    }

    /// Saves the plan; metrics as the planner would record them: order value 44 × 450 + 18 × 1500
    /// = 46,800; lost revenue 2,000 a day; overstock 300 units × 200 = 60,000.
    @discardableResult
    static func savePlan(_ app: TestApp) async throws -> ReplenishmentPlanRun {
        let run = ReplenishmentPlanRun(
            shopID: app.shop.id, forecastRunID: 1, createdAt: asOf, asOfDay: "2024-03-06", lineCount: 4, orderLineCount: 2,
            durationSeconds: 0.25, metrics: ["order_value_minor": 46_800, "lost_revenue_per_day_minor": 2000, "overstock_value_minor": 60_000])
        func orderLine(_ l: ReplenishmentLine, quantity: Int) -> PurchaseOrderLine {
            PurchaseOrderLine(variantID: l.variantID, locationID: l.locationID, sku: l.sku, title: "\(l.productTitle) · \(l.variantTitle)",
                              quantity: quantity, suggestedQuantity: quantity, unitCostMinor: l.unitCostMinor, reason: l.reason)
        }
        let drafts = [
            PurchaseOrderDraft(shopID: app.shop.id, planRunID: 0, vendor: "Bean Co", createdAt: asOf, updatedAt: asOf,
                               expectedArrivalDay: "2024-03-20", currency: "USD",
                               lines: [orderLine(lines[0], quantity: 44), orderLine(lines[1], quantity: 18)]),
            PurchaseOrderDraft(shopID: app.shop.id, planRunID: 0, vendor: "Mugs <Ltd>", createdAt: asOf, updatedAt: asOf,
                               expectedArrivalDay: "2024-03-20", currency: "USD", lines: [orderLine(lines[2], quantity: 12)]),
        ]
        let transfer = TransferSuggestion(variantID: 22, fromLocationID: 77, toLocationID: 0, quantity: 5, reason: "online runs short; café has 300")
        return try await app.store.saveReplenishmentPlan(run, lines: lines, transfers: [transfer], drafts: drafts, keepPlans: 10)
    }

    /// The stored draft for a vendor.
    static func order(_ app: TestApp, vendor: String) async throws -> PurchaseOrderDraft {
        try #require(try await app.store.purchaseOrders(shopID: app.shop.id, statuses: []).first { $0.vendor == vendor })
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }
}

extension TestClientProtocol {
    /// Any method with an optional text body; returns status, body text and headers.
    func send(_ uri: String, _ method: HTTPRequest.Method, headers: HTTPFields = [:], body: String? = nil) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            (response.status, String(buffer: response.body), response.headers)
        }
    }
}

/// `/api/v1/replenishment`, its plans and transfers through `app.test(.router)`.
@Suite("Replenishment API")
struct ReplenishmentAPITests {
    func variants(_ body: String) throws -> [Int] {
        try #require(try ReplenishmentFixture.json(body)["lines"] as? [[String: Any]]).compactMap { $0["variant_id"] as? Int }
    }

    @Test("Without a plan the table and transfers are 404 and say how to make one; routes need the token")
    func noPlan() async throws {
        let app = try await ReplenishmentFixture.makeApp(withPlan: false)
        try await app.run { client async throws in
            for uri in ["/api/v1/replenishment", "/api/v1/replenishment/plans", "/api/v1/replenishment/transfers"] {
                #expect(try await client.get(uri).0 == .unauthorized)
            }
            let (status, body, _) = try await client.get("/api/v1/replenishment", headers: app.bearer)
            #expect(status == .notFound)
            #expect(body.contains("storewise replenish plan --shop test-shop.myshopify.com"))
            #expect(try await client.get("/api/v1/replenishment/transfers", headers: app.bearer).0 == .notFound)
            let (plansStatus, plans, _) = try await client.get("/api/v1/replenishment/plans", headers: app.bearer)
            #expect(plansStatus == .ok)
            #expect((try ReplenishmentFixture.json(plans)["items"] as? [Any])?.isEmpty == true)
        }
    }

    /// Default order is lost revenue per day, largest first: 11 (2000), then the three zeros in
    /// (variant, location) order: 12, 21, 22.
    @Test("The latest plan's lines come back with the plan, the total and snake_case fields")
    func defaultPage() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        let plan = try #require(try await app.store.latestReplenishmentPlan(shopID: app.shop.id))
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/replenishment", headers: app.bearer)
            #expect(status == .ok)
            let page = try ReplenishmentFixture.json(body)
            #expect(try variants(body) == [11, 12, 21, 22])
            #expect(page["total"] as? Int == 4)
            #expect(page["limit"] as? Int == 100)
            let planObject = try #require(page["plan"] as? [String: Any])
            #expect(planObject["id"] as? Int == Int(plan.id))
            #expect(planObject["as_of_day"] as? String == "2024-03-06")
            #expect((planObject["metrics"] as? [String: Any])?["order_value_minor"] as? Double == 46_800)
            let first = try #require((page["lines"] as? [[String: Any]])?.first)
            #expect(first["sku"] as? String == "HB-250")
            #expect(first["location_id"] as? Int == 77)
            #expect(first["lost_revenue_per_day_minor"] as? Int == 2000)
            #expect(first["suggested_quantity"] as? Int == 44)
            #expect(first["reorder_point"] as? Int == 30)
            #expect(first["replenish_by"] as? String == "2024-03-06")
            #expect(first["abc_class"] as? String == "A")
            #expect(first["xyz_class"] as? String == "Y")
            #expect(first["status"] as? String == "out_of_stock")
            #expect(first["reason"] as? String == "out of stock, 2.0/day over 28 in-stock days")
        }
    }

    /// Expected orders from the fixture's table: cover 0 < 9.3 < 16 < 3000; velocity 0.1 < 0.5 <
    /// 1.5 < 2; SKUs "HB-1K" < "HB-250" ('1' < '2') < "MUG-1" < "MUG-2".
    @Test("Filters, sorts and pages", arguments: [
        ("status=out_of_stock,reorder", [11, 12], 2),
        ("vendor=Bean%20Co", [11, 12], 2),
        ("vendor=Bean+Co&q=blend", [11, 12], 2),
        ("location_id=0", [12], 1),
        ("abc=b", [21], 1),
        ("q=mug", [21, 22], 2),
        ("q=HOUSE%20blend", [11, 12], 2),
        ("to_order=true", [11, 12], 2),
        ("status=overstock&to_order=true", [], 0),
        ("sort=days_of_cover&order=asc", [11, 12, 21, 22], 4),
        ("sort=days_of_cover&order=desc", [22, 21, 12, 11], 4),
        ("sort=velocity&order=asc", [22, 21, 12, 11], 4),
        ("sort=sku&order=asc", [12, 11, 21, 22], 4),
        ("sort=sku&order=asc&limit=2&offset=1", [11, 21], 4),
        ("sort=sku&order=asc&offset=4", [], 4),
    ])
    func filters(query: String, expected: [Int], total: Int) async throws {
        let app = try await ReplenishmentFixture.makeApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.get("/api/v1/replenishment?\(query)", headers: app.bearer)
            #expect(status == .ok, "\(body)")
            #expect(try variants(body) == expected)
            #expect(try ReplenishmentFixture.json(body)["total"] as? Int == total)
        }
    }

    @Test("Bad query parameters are 400 and name the parameter", arguments: [
        ("/api/v1/replenishment?status=out_of_stock,empty", "status"),
        ("/api/v1/replenishment?abc=D", "abc"),
        ("/api/v1/replenishment?to_order=maybe", "to_order"),
        ("/api/v1/replenishment?sort=price", "sort"),
        ("/api/v1/replenishment?order=up", "order"),
        ("/api/v1/replenishment?limit=0", "limit"),
        ("/api/v1/replenishment?limit=1001", "limit"),
        ("/api/v1/replenishment?offset=-1", "offset"),
        ("/api/v1/replenishment?location_id=cafe", "location_id"),
        ("/api/v1/replenishment/plans?limit=500", "limit"),
    ])
    func badParameters(uri: String, parameter: String) async throws {
        let app = try await ReplenishmentFixture.makeApp()
        try await app.run { client async throws in
            let (status, body, _) = try await client.get(uri, headers: app.bearer)
            #expect(status == .badRequest)
            #expect(body.contains("query parameter \(parameter) "), "\(body)")
            #expect(body.contains("invalid_parameter"))
        }
    }

    @Test("Plans are listed newest first; transfers are the latest plan's")
    func plansAndTransfers() async throws {
        let app = try await ReplenishmentFixture.makeApp()
        let second = try await ReplenishmentFixture.savePlan(app)
        try await app.run { client async throws in
            let (_, plansBody, _) = try await client.get("/api/v1/replenishment/plans?limit=5", headers: app.bearer)
            let plans = try #require(try ReplenishmentFixture.json(plansBody)["items"] as? [[String: Any]])
            #expect(plans.count == 2)
            #expect(plans.first?["id"] as? Int == Int(second.id))
            #expect(plans.first?["line_count"] as? Int == 4)
            #expect(plans.first?["order_line_count"] as? Int == 2)
            let (status, body, _) = try await client.get("/api/v1/replenishment/transfers", headers: app.bearer)
            #expect(status == .ok)
            let page = try ReplenishmentFixture.json(body)
            #expect((page["plan"] as? [String: Any])?["id"] as? Int == Int(second.id))
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["variant_id"] as? Int == 22)
            #expect(items.first?["from_location_id"] as? Int == 77)
            #expect(items.first?["to_location_id"] as? Int == 0)
            #expect(items.first?["quantity"] as? Int == 5)
        }
    }
}
