import Commerce
import Foundation
@testable import Storage
import Testing

/// Plans through `ReplenishmentStore` on every backend: round trip, the table's filters, sorts and pages,
/// superseding of untouched drafts, retention, unknown shops and shop deletion.
@Suite struct ReplenishmentPlanStoreTests {
    typealias Data = ReplenishmentTestData

    @Test(arguments: Backend.all) func aPlanRoundTrips(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let store: any ReplenishmentStore = db.store
        #expect(try await store.latestReplenishmentPlan(shopID: shop.id) == nil)
        var run = Data.run(shopID: shop.id)
        run.createdAt = Date(timeIntervalSince1970: 1_711_951_200.123_4)  // stored in whole milliseconds
        run.durationSeconds = 1.234_56
        let saved = try await store.saveReplenishmentPlan(run, lines: Data.lines(), transfers: Data.transfers(), drafts: [], keepPlans: 10)
        var expected = run
        expected.id = saved.id
        expected.createdAt = Date(timeIntervalSince1970: 1_711_951_200.123)
        expected.durationSeconds = 1.235
        #expect(saved.id > 0)
        #expect(saved == expected)
        #expect(try await store.latestReplenishmentPlan(shopID: shop.id) == expected)
        #expect(try await store.replenishmentPlans(shopID: shop.id, limit: 5) == [expected])

        // Every field of every line comes back; in (variant, location) order when sorted by it.
        let all = try await store.replenishmentLines(shopID: shop.id, planID: saved.id, query: Data.query(limit: 100))
        #expect(all.total == 6)
        let key = { (l: ReplenishmentLine) in "\(l.variantID)@\(l.locationID)" }
        #expect(Set(all.lines.map(key)) == Set(Data.lines().map(key)))
        for line in Data.lines() { #expect(all.lines.first { key($0) == key(line) } == line) }
        #expect(try await store.transferSuggestions(shopID: shop.id, planID: saved.id) == Data.transfers())

        // Another shop cannot read them.
        let other = try await db.makeShop(domain: "other.myshopify.com")
        #expect(try await store.replenishmentLines(shopID: other.id, planID: saved.id, query: Data.query()).total == 0)
        #expect(try await store.transferSuggestions(shopID: other.id, planID: saved.id).isEmpty)
        #expect(try await store.latestReplenishmentPlan(shopID: other.id) == nil)
    }

    /// Expected orders by hand from the six lines of `ReplenishmentTestData.lines()` (ids as
    /// variant@location); ties and NULLs as the comments say.
    @Test(arguments: Backend.all, [
        // Lost revenue, largest first (the default): 1500, 300, then the zeros by (variant, location).
        (ReplenishmentLineQuery.SortKey.lostRevenue, true, ["102@1", "105@1", "101@1", "101@2", "103@2", "104@2"]),
        (.lostRevenue, false, ["101@1", "101@2", "103@2", "104@2", "105@1", "102@1"]),
        // SKU without case, c-3, D-4, E-5; the line without SKU last in both directions.
        (.sku, false, ["101@1", "101@2", "103@2", "104@2", "105@1", "102@1"]),
        (.sku, true, ["105@1", "104@2", "103@2", "101@1", "101@2", "102@1"]),
        // Product: Apple tee, banana mug, Cherry cap, Fig jam, then "Émile" (NOCASE folds ASCII only; É sorts after ASCII).
        (.product, false, ["101@1", "101@2", "102@1", "103@2", "105@1", "104@2"]),
        // Location name: Downtown (101, 102, 105), Warehouse (101, 103, 104).
        (.location, false, ["101@1", "102@1", "105@1", "101@2", "103@2", "104@2"]),
        // Days of cover 0, 2.5, 80, 3000, then the two without cover (NULL) by variant: 101, 105.
        (.daysOfCover, false, ["102@1", "101@1", "103@2", "104@2", "101@2", "105@1"]),
        (.daysOfCover, true, ["104@2", "103@2", "101@1", "102@1", "101@2", "105@1"]),
        // Replenish-by 04-01, 04-02, 04-05, then NULLs by (variant, location).
        (.replenishBy, false, ["102@1", "101@1", "105@1", "101@2", "103@2", "104@2"]),
        // Status worst first: out of stock, reorder, at risk, healthy, overstock, not planned.
        (.status, false, ["102@1", "101@1", "105@1", "103@2", "104@2", "101@2"]),
        // On hand 0 (101@2, 102@1), 5, 8, 40, 300.
        (.onHand, false, ["101@2", "102@1", "101@1", "105@1", "103@2", "104@2"]),
        // On order 10 (101@1), 4 (105@1), then zeros.
        (.onOrder, true, ["101@1", "105@1", "101@2", "102@1", "103@2", "104@2"]),
        // Velocity 2, 1.5, 1, 0.5, 0.1, 0.
        (.velocity, true, ["101@1", "105@1", "102@1", "103@2", "104@2", "101@2"]),
        // Reorder point 10, 9, 6, 4, 1, 0.
        (.reorderPoint, true, ["101@1", "105@1", "102@1", "103@2", "104@2", "101@2"]),
        // Suggested 20, 12, 6, then zeros.
        (.suggestedQuantity, true, ["101@1", "102@1", "105@1", "101@2", "103@2", "104@2"]),
        // Stockout risk 1, 0.4, 0.2, 0.01, then two zeros.
        (.stockoutRisk, true, ["102@1", "101@1", "105@1", "103@2", "101@2", "104@2"]),
    ])
    func linesSortByEveryKey(_ backend: Backend, _ order: (ReplenishmentLineQuery.SortKey, Bool, [String])) async throws {
        let (sort, descending, expected) = order
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let saved = try await db.store.saveReplenishmentPlan(Data.run(shopID: shop.id), lines: Data.lines(), transfers: [], drafts: [], keepPlans: 10)
        var query = Data.query(limit: 100)
        query.sort = sort
        query.descending = descending
        let page = try await db.store.replenishmentLines(shopID: shop.id, planID: saved.id, query: query)
        #expect(page.lines.map { "\($0.variantID)@\($0.locationID)" } == expected)
    }

    @Test(arguments: Backend.all) func linesFilterAndPage(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let store: any ReplenishmentStore = db.store
        let planID = try await store.saveReplenishmentPlan(Data.run(shopID: shop.id), lines: Data.lines(), transfers: [], drafts: [], keepPlans: 10).id
        func ids(_ configure: (inout ReplenishmentLineQuery) -> Void) async throws -> ([String], Int) {
            var query = Data.query(limit: 100)
            configure(&query)
            let page = try await store.replenishmentLines(shopID: shop.id, planID: planID, query: query)
            return (page.lines.map { "\($0.variantID)@\($0.locationID)" }, page.total)
        }
        // Default order: lost revenue desc, ties by (variant, location): 102@1, 105@1, 101@1, 101@2, 103@2, 104@2.
        #expect(try await ids { $0.statuses = [.reorder, .outOfStock] } == (["102@1", "101@1"], 2))
        #expect(try await ids { $0.vendor = "Acme" } == (["101@1", "101@2", "104@2"], 3))
        #expect(try await ids { $0.vendor = "" } == (["102@1"], 1))  // no vendor
        #expect(try await ids { $0.locationID = 2 } == (["101@2", "103@2", "104@2"], 3))
        #expect(try await ids { $0.abcClass = "a" } == (["101@1", "103@2"], 2))
        #expect(try await ids { $0.search = "apple" } == (["101@1", "101@2"], 2))
        #expect(try await ids { $0.search = "C-3" } == (["103@2"], 1))  // SKU, any case
        #expect(try await ids { $0.search = " ÉMILE " } == (["104@2"], 1))  // beyond ASCII, trimmed
        #expect(try await ids { $0.search = "jar" } == (["105@1"], 1))  // variant title "Jar" of "Fig jam"
        #expect(try await ids { $0.search = "%" } == ([], 0))  // no wildcard
        #expect(try await ids { $0.onlyToOrder = true } == (["102@1", "105@1", "101@1"], 3))
        #expect(try await ids { $0.vendor = "Acme"; $0.onlyToOrder = true } == (["101@1"], 1))
        // Pages of two: the total is the filtered count before paging.
        #expect(try await ids { $0.limit = 2 } == (["102@1", "105@1"], 6))
        #expect(try await ids { $0.limit = 2; $0.offset = 2 } == (["101@1", "101@2"], 6))
        #expect(try await ids { $0.limit = 2; $0.offset = 4 } == (["103@2", "104@2"], 6))
        #expect(try await ids { $0.limit = 2; $0.offset = 6 } == ([], 6))
        #expect(try await ids { $0.locationID = 2; $0.limit = 1; $0.offset = 1 } == (["103@2"], 3))
    }

    @Test(arguments: Backend.all) func aNewPlanSupersedesOnlyUntouchedDrafts(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let store: any ReplenishmentStore = db.store
        let first = try await store.saveReplenishmentPlan(
            Data.run(shopID: shop.id), lines: [], transfers: [],
            drafts: ["Acme", "Beta", "Gamma", "Delta", "Epsilon"].map { Data.draft(shopID: shop.id, vendor: $0) }, keepPlans: 10)
        let drafts = try await store.purchaseOrders(shopID: shop.id, statuses: [.draft])
        #expect(drafts.count == 5)
        #expect(drafts.allSatisfy { $0.planRunID == first.id })
        let id = Dictionary(uniqueKeysWithValues: drafts.map { ($0.vendor, $0.id) })
        // Acme: a line edited (10 → 7). Beta: approved. Gamma: untouched. Delta: edited and set back
        // to the suggestion (a person looked at it). Epsilon: a line removed.
        _ = try await store.updatePurchaseOrderLine(shopID: shop.id, orderID: id["Acme"]!, variantID: 11, locationID: 0, quantity: 7)
        _ = try await store.setPurchaseOrderStatus(shopID: shop.id, orderID: id["Beta"]!, status: .approved, expectedArrivalDay: nil)
        _ = try await store.updatePurchaseOrderLine(shopID: shop.id, orderID: id["Delta"]!, variantID: 11, locationID: 0, quantity: 3)
        _ = try await store.updatePurchaseOrderLine(shopID: shop.id, orderID: id["Delta"]!, variantID: 11, locationID: 0, quantity: 10)
        _ = try await store.updatePurchaseOrderLine(shopID: shop.id, orderID: id["Epsilon"]!, variantID: 12, locationID: 0, quantity: 0)
        let gammaBefore = try #require(try await store.purchaseOrder(shopID: shop.id, id: id["Gamma"]!))

        let second = try await store.saveReplenishmentPlan(
            Data.run(shopID: shop.id), lines: [], transfers: [], drafts: [Data.draft(shopID: shop.id, vendor: "Acme")], keepPlans: 10)
        let status = Dictionary(uniqueKeysWithValues: try await store.purchaseOrders(shopID: shop.id, statuses: [])
            .filter { $0.planRunID == first.id }.map { ($0.vendor, $0.status) })
        #expect(status == ["Acme": .draft, "Beta": .approved, "Gamma": .superseded, "Delta": .draft, "Epsilon": .draft])
        let gamma = try #require(try await store.purchaseOrder(shopID: shop.id, id: id["Gamma"]!))
        #expect(gamma.updatedAt > gammaBefore.updatedAt)
        #expect(gamma.lines == gammaBefore.lines)
        // The new plan's own draft stays a draft; newest first.
        let current = try await store.purchaseOrders(shopID: shop.id, statuses: [.draft])
        #expect(current.map(\.vendor) == ["Acme", "Epsilon", "Delta", "Acme"])
        #expect(current.first?.planRunID == second.id)
    }

    @Test(arguments: Backend.all) func retentionDeletesOldPlansButKeepsTheirPurchaseOrders(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let store: any ReplenishmentStore = db.store
        var plans: [ReplenishmentPlanRun] = []
        for vendor in ["Acme", "Beta", "Gamma"] {
            plans.append(try await store.saveReplenishmentPlan(
                Data.run(shopID: shop.id), lines: Data.lines(), transfers: Data.transfers(),
                drafts: [Data.draft(shopID: shop.id, vendor: vendor)], keepPlans: 2))
        }
        #expect(try await store.replenishmentPlans(shopID: shop.id, limit: 10).map(\.id) == [plans[2].id, plans[1].id])
        #expect(try await store.replenishmentLines(shopID: shop.id, planID: plans[0].id, query: Data.query()).total == 0)
        #expect(try await store.transferSuggestions(shopID: shop.id, planID: plans[0].id).isEmpty)
        #expect(try await db.count("SELECT count(*) FROM replenishment_lines WHERE plan_id = ?", [plans[0].id]) == 0)
        #expect(try await db.count("SELECT count(*) FROM replenishment_transfers WHERE plan_id = ?", [plans[0].id]) == 0)
        #expect(try await store.replenishmentLines(shopID: shop.id, planID: plans[2].id, query: Data.query()).total == 6)
        // The first plan's order outlives it (superseded by the second plan, still readable).
        let orders = try await store.purchaseOrders(shopID: shop.id, statuses: [])
        #expect(orders.map(\.planRunID) == [plans[2].id, plans[1].id, plans[0].id])
        #expect(orders.map(\.status) == [.draft, .superseded, .superseded])
        #expect(orders.last?.lines == Data.draft(shopID: shop.id, vendor: "Acme").lines)
    }

    @Test(arguments: Backend.all) func unknownShopIsRefusedAndNothingIsWritten(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let store: any ReplenishmentStore = db.store
        await #expect(throws: StorageError.unknownShop(id: 404)) {
            try await store.saveReplenishmentPlan(Data.run(shopID: 404), lines: Data.lines(), transfers: Data.transfers(),
                                                  drafts: [Data.draft(shopID: 404, vendor: "Acme")], keepPlans: 3)
        }
        for table in ["replenishment_plans", "replenishment_lines", "replenishment_transfers", "purchase_orders", "purchase_order_lines"] {
            #expect(try await db.count("SELECT count(*) FROM \(table)") == 0)
        }
        #expect(try await store.replenishmentPlans(shopID: 404, limit: 10).isEmpty)
        #expect(try await store.purchaseOrders(shopID: 404, statuses: []).isEmpty)
    }

    @Test(arguments: Backend.all) func shopDeletionRemovesEverythingAndReplayLeavesItAlone(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let other = try await db.makeShop(domain: "other.myshopify.com")
        for id in [shop.id, other.id] {
            try await db.store.saveReplenishmentSetting(shopID: id, ReplenishmentSetting(scope: .shop, key: "", overrides: ReplenishmentOverrides(serviceLevel: 0.9)))
            _ = try await db.store.saveReplenishmentPlan(Data.run(shopID: id), lines: Data.lines(), transfers: Data.transfers(),
                                                          drafts: [Data.draft(shopID: id, vendor: "Acme")], keepPlans: 3)
        }
        let tables = ["replenishment_settings", "replenishment_plans", "replenishment_lines", "replenishment_transfers",
                      "purchase_orders", "purchase_order_lines"]
        func counts(_ id: Int64) async throws -> [Int] {
            var result: [Int] = []
            for table in tables { result.append(try await db.count("SELECT count(*) FROM \(table) WHERE shop_id = ?", [id])) }
            return result
        }
        // 1 setting, 1 plan, 6 lines, 2 transfers, 1 order with 2 lines.
        #expect(try await counts(shop.id) == [1, 1, 6, 2, 1, 2])
        // Not projections: a replay of the (empty) log keeps them.
        try await db.store.rebuildProjections(shopID: shop.id) { _, _ in }
        #expect(try await counts(shop.id) == [1, 1, 6, 2, 1, 2])

        try await db.store.deleteShopData(shopID: shop.id)
        #expect(try await counts(shop.id) == [0, 0, 0, 0, 0, 0])
        #expect(try await counts(other.id) == [1, 1, 6, 2, 1, 2])
    }
}

/// Plans, lines, transfers and drafts for the replenishment store tests.
enum ReplenishmentTestData {
    static func run(shopID: Int64) -> ReplenishmentPlanRun {
        ReplenishmentPlanRun(
            shopID: shopID, forecastRunID: 7, createdAt: utc("2024-04-01T06:00:00Z"), asOfDay: "2024-03-31", lineCount: 6,
            orderLineCount: 3, durationSeconds: 0.5, metrics: ["order_value_minor": 41_000, "at_risk": 1])
    }

    static func query(limit: Int = 100) -> ReplenishmentLineQuery {
        var query = ReplenishmentLineQuery()
        query.limit = limit
        return query
    }

    /// Six lines whose sort orders are worked out by hand in `linesSortByEveryKey`.
    static func lines() -> [ReplenishmentLine] {
        [
            line(101, 1, sku: "A-1", product: "Apple tee", variant: "S", vendor: "Acme", location: "Downtown", onHand: 5, onOrder: 10,
                 velocity: 2, cover: 2.5, reorderPoint: 10, suggested: 20, by: "2024-04-02", risk: 0.4, lost: 0, abc: "A", status: .reorder),
            line(102, 1, sku: nil, product: "banana mug", variant: "Mug", vendor: nil, location: "Downtown", onHand: 0, onOrder: 0,
                 velocity: 1, cover: 0, reorderPoint: 6, suggested: 12, by: "2024-04-01", risk: 1, lost: 1500, abc: "B", status: .outOfStock),
            line(103, 2, sku: "c-3", product: "Cherry cap", variant: "Red", vendor: "Beta", location: "Warehouse", onHand: 40, onOrder: 0,
                 velocity: 0.5, cover: 80, reorderPoint: 4, suggested: 0, by: nil, risk: 0.01, lost: 0, abc: "A", status: .healthy),
            line(104, 2, sku: "D-4", product: "Émile scarf", variant: "Blue", vendor: "Acme", location: "Warehouse", onHand: 300, onOrder: 0,
                 velocity: 0.1, cover: 3000, reorderPoint: 1, suggested: 0, by: nil, risk: 0, lost: 0, abc: "C", status: .overstock, markdown: 30),
            line(105, 1, sku: "E-5", product: "Fig jam", variant: "Jar", vendor: "Beta", location: "Downtown", onHand: 8, onOrder: 4,
                 velocity: 1.5, cover: nil, reorderPoint: 9, suggested: 6, by: "2024-04-05", risk: 0.2, lost: 300, abc: "B", status: .atRisk),
            line(101, 2, sku: "A-1", product: "Apple tee", variant: "S", vendor: "Acme", location: "Warehouse", onHand: 0, onOrder: 0,
                 velocity: 0, cover: nil, reorderPoint: 0, suggested: 0, by: nil, risk: 0, lost: 0, abc: "C", status: .notPlanned),
        ]
    }

    static func line(
        _ variant: Int64, _ location: Int64, sku: String?, product: String, variant variantTitle: String, vendor: String?,
        location locationName: String?, onHand: Int, onOrder: Int, velocity: Double, cover: Double?, reorderPoint: Int,
        suggested: Int, by: String?, risk: Double, lost: Int64, abc: String, status: StockStatus, markdown: Int? = nil
    ) -> ReplenishmentLine {
        ReplenishmentLine(
            variantID: variant, locationID: location, productID: variant * 10, sku: sku, productTitle: product, variantTitle: variantTitle,
            vendor: vendor, locationName: locationName, onHand: onHand, onOrder: onOrder, committed: 1, position: onHand + onOrder - 1,
            velocity: velocity, inStockDays: 27, daysOfCover: cover, leadTimeDays: 7.5, reviewPeriodDays: 7, serviceLevel: 0.95,
            distribution: "negative_binomial", leadTimeDemand: velocity * 14.5, safetyStock: 2.25, reorderPoint: reorderPoint,
            orderUpTo: reorderPoint + 7, suggestedQuantity: suggested, replenishBy: by, stockoutRisk: risk, lostRevenuePerDayMinor: lost,
            priceMinor: 1999, unitCostMinor: 800, abcClass: abc, xyzClass: "Y", status: status, markdownPercent: markdown,
            reason: "position \(onHand + onOrder - 1) vs reorder point \(reorderPoint)")
    }

    static func transfers() -> [TransferSuggestion] {
        [
            TransferSuggestion(variantID: 101, fromLocationID: 2, toLocationID: 1, quantity: 3, reason: "Warehouse has 90 days of cover"),
            TransferSuggestion(variantID: 104, fromLocationID: 2, toLocationID: 1, quantity: 1, reason: "overstock at Warehouse"),
        ]
    }

    /// A draft with two lines as the plan suggested them (10 × variant 11, 4 × variant 12 at location 0).
    static func draft(shopID: Int64, vendor: String) -> PurchaseOrderDraft {
        PurchaseOrderDraft(
            shopID: shopID, planRunID: 0, vendor: vendor, createdAt: utc("2024-04-01T06:00:00Z"), updatedAt: utc("2024-04-01T06:00:00Z"),
            expectedArrivalDay: "2024-04-15", currency: "USD", lines: [
                PurchaseOrderLine(variantID: 11, locationID: 0, sku: "TEE-S", title: "Tee - S", quantity: 10, suggestedQuantity: 10,
                                  unitCostMinor: 700, reason: "position 3 below reorder point 9"),
                PurchaseOrderLine(variantID: 12, locationID: 0, sku: "TEE-M", title: "Tee - M", quantity: 4, suggestedQuantity: 4,
                                  unitCostMinor: 750, reason: "order up to 12"),
            ])
    }
}
