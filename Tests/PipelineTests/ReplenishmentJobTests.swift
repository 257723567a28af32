import Commerce
import Foundation
import Pipeline
import Storage
import Testing
import TestSupport

/// The replenishment job on a real SQLite file: a hand-made shop ingested as Shopify events, a
/// hand-made forecast run, and every number of the stored plan worked out by hand.
@Suite struct ReplenishmentJobTests {
    static let asOf = "2024-03-10"
    static let now = SampleOrders.date("2024-03-11T06:00:00Z")
    /// Φ⁻¹(0.975): 95 % bounds are mean ± 1.959964·σ.
    static let z95 = 1.959964

    /// A UTC shop. Product "Widget" (vendor "Acme") with variants 11 "Small" ($10) and 12 "Large" ($20);
    /// locations 1 "Warehouse" and 2 "Shop". Everything sold in store (POS orders at their location).
    ///
    /// | pair   | sales (units, day)                        | available on 03-10 | committed |
    /// |--------|-------------------------------------------|--------------------|-----------|
    /// | 11 @ 1 | 2 on 03-01, 1 on 03-06 (fulfilled)        | 40                 | 0         |
    /// | 11 @ 2 | 4 on 03-05 (fulfilled), 2 on 03-09 (open) | 3                  | 2         |
    /// | 12 @ 1 | —                                         | 7                  | 0         |
    /// | 12 @ 2 | 1 on 03-08 (fulfilled)                    | 2                  | 0         |
    ///
    /// Stock is first observed on the evening of 03-10, after every sale, so no day is censored.
    func handMadeShop() async throws -> (SQLiteStore, Int64, URL) {
        let (store, directory) = try SQLiteStore.temporary()
        let shop = try await store.createShop(Shop(domain: "acme.myshopify.com", name: "Acme shop", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let updated = SampleOrders.date("2024-02-01T00:00:00Z")
        let product = Product(id: 500, title: "Widget", vendor: "Acme", updatedAt: updated, variants: [
            Variant(id: 11, productID: 500, title: "Small", sku: "W-S", price: SampleOrders.usd(1000), inventoryItemID: 7011),
            Variant(id: 12, productID: 500, title: "Large", sku: "W-L", price: SampleOrders.usd(2000), inventoryItemID: 7012),
        ])
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shop.id, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                          receivedAt: Date(), source: .webhook)
        }
        func level(_ item: Int64, _ location: Int64, _ available: Int) -> IncomingEvent {
            event(.inventoryLevel(InventoryLevel(inventoryItemID: item, locationID: location, available: available,
                                                 updatedAt: SampleOrders.date("2024-03-10T20:00:00Z"))),
                  .inventoryLevelsUpdate, "inv-\(item)-\(location)")
        }
        func sale(_ id: Int64, _ variant: Int64, _ quantity: Int, at location: Int64, _ day: String, open: Bool = false) -> IncomingEvent {
            var order = SampleOrders.order(id: id, name: "#\(id)", createdAt: "\(day)T12:00:00Z", lines: [(variant, quantity, variant == 11 ? 1000 : 2000)],
                                           customer: nil, channel: .pos, locationID: location)
            order.fulfillmentStatus = open ? nil : "fulfilled"
            return event(.order(order), .ordersCreate, "order-\(id)")
        }
        let outcomes = try await store.ingest([
            event(.product(product), .productsCreate, "p500"),
            event(.location(Location(id: 1, name: "Warehouse", isPOS: false)), .locationsCreate, "loc1"),
            event(.location(Location(id: 2, name: "Shop", isPOS: true)), .locationsCreate, "loc2"),
            sale(1, 11, 2, at: 1, "2024-03-01"), sale(2, 11, 4, at: 2, "2024-03-05"), sale(3, 11, 1, at: 1, "2024-03-06"),
            sale(4, 12, 1, at: 2, "2024-03-08"), sale(5, 11, 2, at: 2, "2024-03-09", open: true),
            level(7011, 1, 40), level(7011, 2, 3), level(7012, 1, 7), level(7012, 2, 2),
        ])
        #expect(outcomes.allSatisfy { if case .stored = $0 { true } else { false } })
        return (store, shop.id, directory)
    }

    /// 14 days from 03-11 of a flat `mean` with 95 % bounds mean ± z·σ (lower clipped at 0).
    static func series(_ variant: Int64, _ location: Int64, mean: Double, sigma: Double) -> ForecastSeries {
        let start = CivilDate(asOf)!
        let days = (1...14).map { d in
            ForecastDay(day: start.adding(days: d).description, mean: mean, lower: [max(0, mean - z95 * sigma)], upper: [mean + z95 * sigma])
        }
        return ForecastSeries(variantID: variant, locationID: location, historyStartDay: "2024-03-01", historyDays: 10, censoredDays: 0,
                              expectedUnits: 14 * mean, days: days)
    }

    /// Forecasts (levels [95]): 11@1 1/day σ 0.5; 11@2 2/day σ 1; 12@2 0.5/day σ 0.5 (lower bound 0, so
    /// the builder takes the upper half (1.48 − 0.5)/z = 0.5). 12@1 has none (it is excluded anyway).
    func saveForecastRun(_ store: SQLiteStore, shopID: Int64) async throws -> ForecastRun {
        let run = ForecastRun(shopID: shopID, modelName: "Hand", modelVersion: "1", createdAt: Self.now, asOfDay: Self.asOf, horizon: 14,
                              levels: [95], seriesCount: 3, failedCount: 0, status: .completed, durationSeconds: 0.01)
        return try await store.saveForecastRun(run, series: [
            Self.series(11, 1, mean: 1, sigma: 0.5), Self.series(11, 2, mean: 2, sigma: 1), Self.series(12, 2, mean: 0.5, sigma: 0.5),
        ], keepRuns: 5)
    }

    /// Settings: vendor "acme" (lower case; the product says "Acme") lead 3 days, review 7, case pack 6,
    /// unit cost $4; 12@1 excluded. And 4 units of 12@2 already on an `ordered` purchase order.
    func configure(_ store: SQLiteStore, shopID: Int64, forecastRunID: Int64) async throws {
        try await store.saveReplenishmentSetting(shopID: shopID, ReplenishmentSetting(
            scope: .vendor, key: "acme", overrides: ReplenishmentOverrides(leadTimeDays: 3, reviewPeriodDays: 7, casePack: 6, unitCostMinor: 400)))
        try await store.saveReplenishmentSetting(shopID: shopID, ReplenishmentSetting(
            scope: .variantLocation, key: "12:1", overrides: ReplenishmentOverrides(excluded: true)))
        let earlier = SampleOrders.date("2024-03-04T06:00:00Z")
        let old = ReplenishmentPlanRun(shopID: shopID, forecastRunID: forecastRunID, createdAt: earlier, asOfDay: "2024-03-03",
                                       lineCount: 0, orderLineCount: 1, durationSeconds: 0.01)
        _ = try await store.saveReplenishmentPlan(old, lines: [], transfers: [], drafts: [
            PurchaseOrderDraft(shopID: shopID, planRunID: 0, vendor: "Acme", createdAt: earlier, updatedAt: earlier, expectedArrivalDay: "2024-03-12",
                               currency: "USD", lines: [PurchaseOrderLine(variantID: 12, locationID: 2, sku: "W-L", title: "Widget – Large",
                                                                          quantity: 4, suggestedQuantity: 4, unitCostMinor: 400, reason: "")]),
        ], keepPlans: 10)
        let id = try #require(try await store.purchaseOrders(shopID: shopID, statuses: [.draft]).first?.id)
        _ = try await store.setPurchaseOrderStatus(shopID: shopID, orderID: id, status: .approved, expectedArrivalDay: nil)
        _ = try await store.setPurchaseOrderStatus(shopID: shopID, orderID: id, status: .ordered, expectedArrivalDay: nil)
    }

    /// Every line by hand. Lead L = 3, review R = 7, so the reorder point covers 10 days; each forecast's
    /// per-day variance σ² is below its mean, so demand over 10 days is Poisson (means < 30 keep it
    /// off the normal). Poisson quantiles by the recursion p(k) = p(k−1)·μ/k from p(0) = e^−μ:
    ///
    /// - 11@1: Poisson(10): F(14) = 0.916542 < 0.95 ≤ F(15) = 0.951260 → s = S = 15, safety stock 15 − 10 = 5.
    ///   on hand 40, position 40 ≥ 15 → no order. Velocity 3 units / 10 in-stock days (03-01…03-10) = 0.3.
    ///   Cover 40 / 1 = 40 days; projected 40 − t < 5 first at t = 36 → replenish by day 36 − 3 = 33 = 04-12.
    ///   Not dead (last sale 4 days ago), above s, by-day 33 > R, cover 40 ≤ 120 → healthy.
    ///   Surplus 40 − 15 = 25.
    /// - 11@2: Poisson(20): F(27) = 0.947519 < 0.95 ≤ F(28) = 0.965666 → s = S = 28, safety stock 8.
    ///   on hand = available 3 + committed 2 = 5; position 5 + 0 − 2 = 3 → 28 − 3 = 25 → case pack 6 → 30.
    ///   Lead-time demand Poisson(6): risk 1 − F(3) = 1 − 0.151204 = 0.848796; lost 0.848796 × 1/day × 1000 = 849.
    ///   Velocity 6 units / 6 days (03-05…03-10) = 1. Cover: 3 − 2 = 1 left on day 2 → 1 + 1/2 = 1.5.
    ///   Projected 3 < 8 already at t = 0 → replenish by 0 − 3 = −3 = 03-07. Position 3 ≤ 28 → reorder.
    ///   Transfer: 25 from the Warehouse's surplus meets the unrounded need 28 − 3 = 25 in full → order 0
    ///   (pack rounding applies once, to what is still needed after transfers).
    /// - 12@1: excluded → not planned, on hand 7.
    /// - 12@2: Poisson(5): F(8) = 0.931906 < 0.95 ≤ F(9) = 0.968172 → s = S = 9, safety stock 9 − 5 = 4.
    ///   position 2 + 4 on order − 0 = 6 < 9 → 3 → pack → 6. Risk 1 − F_Poisson(1.5)(6) = 1 − 0.999074 = 9.260e-4;
    ///   lost 9.26e-4 × (1/3) × 2000 = 0.62 → 1. Velocity 1 unit / 3 days. Cover 6 / 0.5 = 12.
    ///   Projected 6 − 0.5t < 4 first at t = 5 → day 2 = 03-12. Reorder.
    ///
    /// ABC on revenue of the last 56 days: 11@2 6000, 11@1 3000, 12@2 2000, 12@1 0 (total 11000): share before
    /// each 0 → A, 54.5 % → A, 81.8 % → B, 100 % → C. XYZ over 13 weeks: 11@2 and 12@2 sold in the last
    /// week only (CV = √12 = 3.46), 11@1 in the last two (weeks …, 2, 1: mean 3/13, σ 0.576, CV 2.49),
    /// 12@1 never → all Z.
    ///
    /// Purchase order for Acme: 11@2 × 6 and 12@2 × 6 at $4, expected 03-10 + 3 = 03-13.
    @Test func plansAHandMadeShop() async throws {
        let (store, shopID, directory) = try await handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forecastRun = try await saveForecastRun(store, shopID: shopID)
        try await configure(store, shopID: shopID, forecastRunID: forecastRun.id)

        var options = ReplenishmentJob.Options()
        options.threads = 2
        let plan = try await ReplenishmentJob(store: store, options: options).run(shopID: shopID, now: Self.now)
        #expect(plan.forecastRunID == forecastRun.id)
        #expect(plan.asOfDay == Self.asOf)
        #expect(plan.lineCount == 4)
        // The Shop's need of 25 (order-up-to 28 − position 3) is met in full by the Warehouse's
        // transfer of 25, so only the Large variant is bought.
        #expect(plan.orderLineCount == 1)
        #expect(plan.metrics["to_order"] == 1)
        #expect(plan.metrics["reorder"] == 2 && plan.metrics["healthy"] == 1 && plan.metrics["not_planned"] == 1)
        #expect(plan.metrics["transfers"] == 1 && plan.metrics["purchase_orders"] == 1)
        #expect(plan.metrics["order_value_minor"] == 2400)  // 6 × 400
        #expect(plan.metrics["lost_revenue_per_day_minor"] == 850)  // 849 + 1
        #expect(plan.metrics["failed"] == 0)

        var query = ReplenishmentLineQuery()
        query.sort = .sku
        let stored = try await store.replenishmentLines(shopID: shopID, planID: plan.id, query: query)
        #expect(stored.total == 4)
        let lines = Dictionary(uniqueKeysWithValues: stored.lines.map { ("\($0.variantID)@\($0.locationID)", $0) })

        let warehouse = try #require(lines["11@1"])
        #expect(warehouse.locationName == "Warehouse" && warehouse.vendor == "Acme" && warehouse.sku == "W-S")
        // The stored position stays on hand + on order − committed, the transfer notwithstanding.
        #expect(warehouse.onHand == 40 && warehouse.onOrder == 0 && warehouse.committed == 0 && warehouse.position == 40)
        #expect(abs(warehouse.velocity - 0.3) < 1e-12 && warehouse.inStockDays == 10)
        #expect(warehouse.distribution == "poisson")
        #expect(abs(warehouse.leadTimeDemand - 3) < 1e-9)  // 3 days × 1
        #expect(warehouse.reorderPoint == 15 && warehouse.orderUpTo == 15 && abs(warehouse.safetyStock - 5) < 1e-9)
        #expect(warehouse.suggestedQuantity == 0)
        #expect(warehouse.daysOfCover.map { abs($0 - 40) < 1e-9 } == true)
        #expect(warehouse.replenishBy == "2024-04-12")
        #expect(warehouse.status == .healthy)
        #expect(warehouse.leadTimeDays == 3 && warehouse.reviewPeriodDays == 7 && warehouse.serviceLevel == 0.95)
        #expect(warehouse.unitCostMinor == 400 && warehouse.priceMinor == 1000)
        #expect(warehouse.abcClass == "A" && warehouse.xyzClass == "Z")
        #expect(warehouse.lostRevenuePerDayMinor == 0)

        let shop = try #require(lines["11@2"])
        #expect(shop.onHand == 5 && shop.committed == 2 && shop.onOrder == 0 && shop.position == 3)
        #expect(shop.velocity == 1 && shop.inStockDays == 6)
        #expect(abs(shop.leadTimeDemand - 6) < 1e-9)
        #expect(shop.reorderPoint == 28 && shop.orderUpTo == 28 && abs(shop.safetyStock - 8) < 1e-9)
        #expect(shop.suggestedQuantity == 0)
        #expect(abs(shop.stockoutRisk - 0.848796) < 1e-6)
        #expect(shop.lostRevenuePerDayMinor == 849)
        #expect(shop.daysOfCover.map { abs($0 - 1.5) < 1e-9 } == true)
        #expect(shop.replenishBy == "2024-03-07")
        #expect(shop.status == .reorder)
        #expect(shop.abcClass == "A" && shop.xyzClass == "Z")
        for fragment in ["reorder point 28", "Position 3 (on hand 5, on order 0, committed 2) → order 30.",
                         "Rounded 25 → 30 (case pack 6).", "Transfer 25 from Warehouse first; order 0."] {
            #expect(shop.reason.contains(fragment), "\(fragment) not in: \(shop.reason)")
        }

        let excluded = try #require(lines["12@1"])
        #expect(excluded.status == .notPlanned)
        #expect(excluded.onHand == 7 && excluded.position == 7 && excluded.suggestedQuantity == 0)
        #expect(excluded.reason == "Excluded from replenishment by a setting.")
        #expect(excluded.abcClass == "C")

        let large = try #require(lines["12@2"])
        #expect(large.onHand == 2 && large.onOrder == 4 && large.committed == 0 && large.position == 6)
        #expect(abs(large.velocity - 1.0 / 3) < 1e-12 && large.inStockDays == 3)
        #expect(abs(large.leadTimeDemand - 1.5) < 1e-9)
        #expect(large.reorderPoint == 9 && large.orderUpTo == 9 && abs(large.safetyStock - 4) < 1e-9)
        #expect(large.suggestedQuantity == 6)
        #expect(abs(large.stockoutRisk - 9.260e-4) < 1e-6)
        #expect(large.lostRevenuePerDayMinor == 1)
        #expect(large.daysOfCover.map { abs($0 - 12) < 1e-9 } == true)
        #expect(large.replenishBy == "2024-03-12")
        #expect(large.status == .reorder)
        #expect(large.abcClass == "B" && large.xyzClass == "Z")
        #expect(large.reason.contains("Rounded 3 → 6 (case pack 6)."), "\(large.reason)")

        // The transfer: the Warehouse's surplus of 25 goes to the Shop before anything is bought.
        let transfers = try await store.transferSuggestions(shopID: shopID, planID: plan.id)
        #expect(transfers.map { [$0.variantID, $0.fromLocationID, $0.toLocationID, Int64($0.quantity)] } == [[11, 1, 2, 25]])
        #expect(transfers.first?.reason == "Warehouse holds 40 against an order-up-to level of 15; Shop needs 25.")

        // One draft for Acme; the earlier ordered purchase order is left alone.
        let drafts = try await store.purchaseOrders(shopID: shopID, statuses: [.draft])
        #expect(drafts.count == 1)
        let draft = try #require(drafts.first)
        #expect(draft.vendor == "Acme" && draft.planRunID == plan.id && draft.currency == "USD")
        #expect(draft.expectedArrivalDay == "2024-03-13")
        #expect(draft.createdAt == Self.now)
        #expect(draft.lines.map { "\($0.variantID)@\($0.locationID) \($0.quantity) \($0.unitCostMinor) \($0.title)" }.sorted()
                == ["12@2 6 400 Widget – Large"])
        #expect(draft.lines.allSatisfy { $0.suggestedQuantity == $0.quantity && !$0.reason.isEmpty })
        #expect(draft.totalCostMinor == 2400)
        #expect(try await store.purchaseOrders(shopID: shopID, statuses: [.ordered]).map(\.totalUnits) == [4])
    }

    /// One source feeding two locations, planned in memory (`ReplenishmentJob.plan`, no store). Variant 21
    /// at locations 1, 2, 3, each sold 1 yesterday, forecast 1/day σ 0.5, lead 3 (shop setting) + review 7
    /// → Poisson(10), s = S = 15 (F(14) = 0.9165 < 0.95 ≤ F(15) = 0.9513). Available 40, 0 and 5:
    /// location 1 holds 40 − 15 = 25 spare; 2 needs 15 − 0 = 15, 3 needs 15 − 5 = 10. Largest need first:
    /// 15 to location 2 (10 left at 1), then 10 to location 3. Both needs are covered, so nothing is bought.
    @Test func oneSourceFeedsTwoLocations() async throws {
        let asOf = try #require(CivilDate(Self.asOf))
        let snapshot = [(Int64(1), 40), (2, 0), (3, 5)].map { location, available in
            InventoryRow(variantID: 21, locationID: location, productID: 210, productTitle: "Mug", variantTitle: "Default Title", sku: "MUG",
                         vendor: nil, productType: nil, priceMinor: 800, currency: "USD", locationName: nil, available: available, committed: 0)
        }
        let demand = (1...3).map { StockedDemandDay(variantID: 21, locationID: Int64($0), day: Self.asOf, units: 1, inStock: true, availableEnd: nil) }
        let settings = SettingsResolver([ReplenishmentSetting(scope: .shop, key: "", overrides: ReplenishmentOverrides(leadTimeDays: 3))])
        let result = await ReplenishmentJob.plan(
            snapshot: snapshot, onOrder: [:], settings: settings, forecasts: (1...3).map { Self.series(21, Int64($0), mean: 1, sigma: 0.5) },
            levels: [95], demand: demand, asOf: asOf, shopID: 1, now: Self.now, options: ReplenishmentJob.Options())
        #expect(result.failed == 0)
        #expect(result.transfers.map { [$0.fromLocationID, $0.toLocationID, Int64($0.quantity)] } == [[1, 2, 15], [1, 3, 10]])
        #expect(result.transfers.map(\.reason) == [
            "location 1 holds 40 against an order-up-to level of 15; location 2 needs 15.",
            "location 1 holds 25 against an order-up-to level of 15; location 3 needs 10.",
        ])
        #expect(result.lines.map(\.reorderPoint) == [15, 15, 15])
        #expect(result.lines.map(\.suggestedQuantity) == [0, 0, 0])
        #expect(result.lines.map(\.position) == [40, 0, 5])
        #expect(result.lines[1].reason.hasSuffix("Transfer 15 from location 1 first; order 0."), "\(result.lines[1].reason)")
        #expect(result.drafts.isEmpty)
        #expect(result.metrics["transfers"] == 2 && result.metrics["to_order"] == 0)
    }

    /// Without a completed forecast run there is nothing to plan from; an unknown run id and a bad
    /// option are refused naming what is wrong.
    @Test func refusesWithoutAForecast() async throws {
        let (store, shopID, directory) = try await handMadeShop()
        defer { try? FileManager.default.removeItem(at: directory) }
        await #expect(throws: ReplenishmentJobError.noForecast(shopID: shopID)) {
            try await ReplenishmentJob(store: store).run(shopID: shopID)
        }
        await #expect(throws: ReplenishmentJobError.unknownForecastRun(shopID: shopID, runID: 999)) {
            try await ReplenishmentJob(store: store).run(shopID: shopID, forecastRunID: 999)
        }
        var options = ReplenishmentJob.Options()
        options.minimumTransfer = 0
        await #expect(throws: ReplenishmentJobError.invalidOption(name: "minimumTransfer", reason: "must be at least 1, got 0")) {
            try await ReplenishmentJob(store: store, options: options).run(shopID: shopID)
        }
        #expect(try await store.latestReplenishmentPlan(shopID: shopID) == nil)
    }
}
