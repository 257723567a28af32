import Commerce
import Foundation
import GRDB
@testable import Storage
import Testing

/// `RecommendationStore` on every backend (conformance): basket filters and paging, catalog stock
/// and cost, a customer's purchases, model replacement (all and some), rules, the response log and
/// the cascade from the shop.
@Suite struct RecommendationStoreTests {
    /// 2024-03-01T10:00:00Z and 2024-02-01T09:30:00Z in seconds since 1970.
    static let march1 = Int64(1_709_287_200), february1 = Int64(1_706_779_800)
    static let ada = Customer(id: 1, email: "ada@example.com")

    static func item(_ id: Int64, product: Int64?, variant: Int64? = nil, giftCard: Bool = false) -> LineItem {
        LineItem(id: id, productID: product, variantID: variant ?? product.map { $0 * 10 }, title: "Item \(id)", quantity: 1,
                 price: usd(1000), totalDiscount: usd(0), isGiftCard: giftCard)
    }

    /// Orders: 3006 (February), then 3000, 3001 and 3005 in the same second (so id orders them),
    /// and four that drop out: a test order, a cancelled one, and one whose lines are a gift card
    /// and a custom item without a product.
    func seedOrders(_ db: ConformanceDatabase, shopID: Int64) async throws {
        let orders = [
            makeOrder(id: 3001, createdAt: "2024-03-01T10:00:00Z", lines: [
                Self.item(1, product: 20, variant: 201), Self.item(2, product: 10), Self.item(3, product: 20, variant: 202),
            ], customer: Self.ada),
            makeOrder(id: 3002, createdAt: "2024-03-01T11:00:00Z", lines: [Self.item(4, product: 10)], customer: Self.ada, test: true),
            makeOrder(id: 3003, createdAt: "2024-03-01T12:00:00Z", lines: [Self.item(5, product: 40)], customer: Self.ada,
                      cancelledAt: "2024-03-01T13:00:00Z"),
            makeOrder(id: 3004, createdAt: "2024-03-01T14:00:00Z", lines: [
                Self.item(6, product: 600, giftCard: true), Self.item(7, product: nil),
            ]),
            makeOrder(id: 3005, createdAt: "2024-03-01T10:00:00Z", lines: [
                Self.item(8, product: 30), Self.item(9, product: 600, giftCard: true), Self.item(10, product: nil),
            ], channel: .pos),
            makeOrder(id: 3000, createdAt: "2024-03-01T10:00:00Z", lines: [Self.item(11, product: 30)]),
            makeOrder(id: 3006, createdAt: "2024-02-01T09:30:00Z", lines: [Self.item(12, product: 10)], customer: Self.ada),
        ]
        _ = try await db.ingest(orders.map { orderEvent(shopID: shopID, $0, topic: .ordersCreate) })
    }

    @Test(arguments: Backend.all) func basketsLeaveOutTestCancelledGiftCardAndProductlessLinesAndPageByCursor(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await seedOrders(db, shopID: shop.id)
        let all = try await db.store.recommendationBaskets(shopID: shop.id, after: nil, limit: nil)
        #expect(all == [
            OrderBasketRow(orderID: 3006, customerID: 1, createdAt: Self.february1, channel: "web", productIDs: [10]),
            OrderBasketRow(orderID: 3000, customerID: nil, createdAt: Self.march1, channel: "web", productIDs: [30]),
            OrderBasketRow(orderID: 3001, customerID: 1, createdAt: Self.march1, channel: "web", productIDs: [10, 20]),
            OrderBasketRow(orderID: 3005, customerID: nil, createdAt: Self.march1, channel: "pos", productIDs: [30]),
        ])
        // Pages of two, each strictly after the previous page's last row; the one after the end is empty.
        let first = try await db.store.recommendationBaskets(shopID: shop.id, after: nil, limit: 2)
        #expect(first.map(\.orderID) == [3006, 3000])
        let second = try await db.store.recommendationBaskets(shopID: shop.id, after: BasketCursor(after: first[1]), limit: 2)
        #expect(second.map(\.orderID) == [3001, 3005])
        #expect(try await db.store.recommendationBaskets(shopID: shop.id, after: BasketCursor(after: second[1]), limit: 2).isEmpty)
        // A cursor in the middle of a second: only the higher ids of that second, then later seconds.
        let tail = try await db.store.recommendationBaskets(shopID: shop.id, after: BasketCursor(createdAt: Self.march1, orderID: 3001), limit: nil)
        #expect(tail.map(\.orderID) == [3005])
        #expect(try await db.store.recommendationBaskets(shopID: shop.id, after: nil, limit: 0).isEmpty)
        // Another shop's orders are not this shop's baskets.
        let other = try await db.makeShop(domain: "other.myshopify.com")
        #expect(try await db.store.recommendationBaskets(shopID: other.id, after: nil, limit: nil).isEmpty)
    }

    @Test(arguments: Backend.all) func customerPurchasesCountOrdersAndTheLastOne(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await seedOrders(db, shopID: shop.id)
        // Ada: 3006 (10) and 3001 (10, 20 twice); the test order 3002 and the cancelled 3003 do not count.
        #expect(try await db.store.customerPurchases(shopID: shop.id, customerID: 1) == [
            CustomerPurchase(productID: 10, orders: 2, lastAt: Self.march1),
            CustomerPurchase(productID: 20, orders: 1, lastAt: Self.march1),
        ])
        #expect(try await db.store.customerPurchases(shopID: shop.id, customerID: 99).isEmpty)
    }

    @Test(arguments: Backend.all) func catalogHasLowestPriceStockNilWhenUntrackedAndUnitCost(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let at = utc("2024-03-01T00:00:00Z")
        let products = [
            Product(id: 10, title: "Tee", vendor: "Acme", productType: "Shirts", handle: "tee", status: "active", tags: ["summer"],
                    updatedAt: at, variants: [
                        Variant(id: 101, productID: 10, title: "L", price: usd(1500), inventoryItemID: 7010),
                        Variant(id: 102, productID: 10, title: "S", price: usd(1200), inventoryItemID: 7011),
                    ]),
            Product(id: 20, title: "Mug", vendor: "Acme", updatedAt: at, variants: [
                Variant(id: 201, productID: 20, title: "Default Title", price: usd(900), inventoryItemID: 7020),
            ]),
            Product(id: 30, title: "Cap", vendor: "Other", updatedAt: at, variants: [
                Variant(id: 301, productID: 30, title: "Default Title", price: usd(700), inventoryItemID: 7030),
            ]),
            Product(id: 40, title: "Poster", updatedAt: at, variants: [
                Variant(id: 401, productID: 40, title: "Default Title", price: usd(300), inventoryItemID: 7040),
            ]),
            Product(id: 50, title: "Draft without variants", status: "draft", updatedAt: at),
        ]
        func level(_ item: Int64, _ location: Int64, _ available: Int?) -> IncomingEvent {
            event(shopID: shop.id, .inventoryLevel(InventoryLevel(inventoryItemID: item, locationID: location, available: available,
                                                                   updatedAt: utc("2024-03-14T15:00:00Z"))),
                  topic: .inventoryLevelsUpdate, webhookID: "inv-\(item)-\(location)")
        }
        var events = products.map { event(shopID: shop.id, .product($0), topic: .productsCreate, webhookID: "p\($0.id)") }
        // Tee: 5 + 3 + (−1) = 7 over two items; Mug: none (not tracked); Cap: 0 (sold out); Poster: a level of unknown quantity.
        events += [level(7010, 1, 5), level(7010, 2, 3), level(7011, 1, -1), level(7030, 1, 0), level(7040, 1, nil)]
        _ = try await db.ingest(events)
        // The cheap variant's own cost wins for the Tee; the Mug inherits Acme's; the Cap has none.
        try await db.store.saveReplenishmentSetting(shopID: shop.id, ReplenishmentSetting(
            scope: .variant, key: "102", overrides: ReplenishmentOverrides(unitCostMinor: 600)))
        try await db.store.saveReplenishmentSetting(shopID: shop.id, ReplenishmentSetting(
            scope: .variant, key: "101", overrides: ReplenishmentOverrides(unitCostMinor: 800)))
        try await db.store.saveReplenishmentSetting(shopID: shop.id, ReplenishmentSetting(
            scope: .vendor, key: "Acme", overrides: ReplenishmentOverrides(unitCostMinor: 450)))
        try await db.store.saveReplenishmentSetting(shopID: shop.id, ReplenishmentSetting(
            scope: .location, key: "1", overrides: ReplenishmentOverrides(unitCostMinor: 1)))

        let catalog = try await db.store.recommendationCatalog(shopID: shop.id)
        #expect(catalog.map(\.productID) == [10, 20, 30, 40, 50])
        #expect(catalog[0] == RecommendableProduct(
            productID: 10, title: "Tee", handle: "tee", productType: "Shirts", vendor: "Acme", tags: ["summer"], status: "active",
            priceMinor: 1200, currency: "USD", available: 7, unitCostMinor: 600))
        #expect(catalog[1].priceMinor == 900 && catalog[1].available == nil && catalog[1].unitCostMinor == 450)
        #expect(catalog[2].available == 0 && catalog[2].unitCostMinor == nil)
        #expect(catalog[3].available == nil)
        #expect(catalog[4].priceMinor == nil && catalog[4].currency == nil && catalog[4].status == "draft")
        #expect(try await db.store.recommendationAvailability(shopID: shop.id) == [
            ProductAvailability(productID: 10, available: 7), ProductAvailability(productID: 20, available: nil),
            ProductAvailability(productID: 30, available: 0), ProductAvailability(productID: 40, available: nil),
            ProductAvailability(productID: 50, available: nil),
        ])
    }

    static func run(_ shopID: Int64, _ version: String, kind: String = "full") -> RecommendationRun {
        RecommendationRun(shopID: shopID, createdAt: march1, version: version, kind: kind, orders: 4, products: 3, pairs: 5,
                          parameters: ["minSupport": "2", "shrinkage": "10"], durationMs: 42, evaluation: "{\"hr10\":0.31}")
    }

    static func rows(_ product: Int64, _ kind: String, _ neighbours: [Int64], score: Double) -> [NeighbourRow] {
        neighbours.enumerated().map {
            NeighbourRow(productID: product, kind: kind, rank: $0.offset, neighbourID: $0.element, score: score / Double($0.offset + 1),
                         evidence: 10 - $0.offset)
        }
    }

    @Test(arguments: Backend.all) func fullSaveReplacesEverythingAndIncrementalOnlyTheProductsNamed(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let first = Self.rows(10, "boughtTogether", [20, 30], score: 0.5) + Self.rows(10, "alsoBought", [40], score: 0.25)
            + Self.rows(20, "boughtTogether", [10], score: 0.75) + Self.rows(30, "boughtTogether", [10, 20, 40], score: 1)
        let popular = [PopularRow(kind: "popular", rank: 0, productID: 10, score: 3, evidence: 3),
                       PopularRow(kind: "popular", rank: 1, productID: 30, score: 2, evidence: 2),
                       PopularRow(kind: "trending", rank: 0, productID: 30, score: 1.5, evidence: 2)]
        // Given shuffled: stored by product, kind and rank all the same.
        let saved = try await db.store.saveRecommendationModel(Self.run(shop.id, "v1"), neighbours: first.reversed(), popular: popular.reversed())
        #expect(saved.id > 0 && saved.version == "v1")
        #expect(try await db.store.latestRecommendationRun(shopID: shop.id) == saved)
        let sorted = first.sorted { ($0.productID, $0.kind, $0.rank) < ($1.productID, $1.kind, $1.rank) }
        #expect(try await db.store.recommendationNeighbours(shopID: shop.id) == sorted)
        #expect(try await db.store.recommendationNeighbours(shopID: shop.id, productID: 10) == Self.rows(10, "alsoBought", [40], score: 0.25)
            + Self.rows(10, "boughtTogether", [20, 30], score: 0.5))
        let lists = try await db.store.recommendationNeighbourLists(shopID: shop.id)
        #expect(lists.count == 4 && lists[3] == NeighbourList(productID: 30, kind: "boughtTogether", neighbourIDs: [10, 20, 40],
                                                              scores: [1, 0.5, 1.0 / 3], evidence: [10, 9, 8]))
        #expect(try await db.store.recommendationPopular(shopID: shop.id) == popular)

        // Incremental: product 10 gets new rows, 30 is named without rows (loses them), 20 is untouched,
        // and rows of 40 (not named) are ignored; popular stays when not given.
        let update = Self.rows(10, "boughtTogether", [30], score: 0.9) + Self.rows(40, "boughtTogether", [10], score: 0.1)
        let second = try await db.store.updateRecommendationNeighbours(Self.run(shop.id, "v2", kind: "incremental"), productIDs: [10, 30],
                                                                    neighbours: update, popular: nil)
        #expect(second.id > saved.id)
        #expect(try await db.store.recommendationNeighbours(shopID: shop.id) == Self.rows(10, "boughtTogether", [30], score: 0.9)
            + Self.rows(20, "boughtTogether", [10], score: 0.75))
        #expect(try await db.store.recommendationPopular(shopID: shop.id) == popular)
        _ = try await db.store.updateRecommendationNeighbours(Self.run(shop.id, "v3", kind: "incremental"), productIDs: [],
                                                           neighbours: [], popular: Array(popular.prefix(1)))
        #expect(try await db.store.recommendationPopular(shopID: shop.id) == Array(popular.prefix(1)))

        // A full save replaces every row; runs beyond the newest two go.
        let fourth = try await db.store.saveRecommendationModel(Self.run(shop.id, "v4"), neighbours: Self.rows(50, "alsoBought", [10], score: 1),
                                                             popular: [], keepRuns: 2)
        #expect(try await db.store.recommendationNeighbours(shopID: shop.id) == Self.rows(50, "alsoBought", [10], score: 1))
        #expect(try await db.store.recommendationPopular(shopID: shop.id).isEmpty)
        let runs = try await db.store.recommendationRuns(shopID: shop.id, limit: 10)
        #expect(runs.map(\.version) == ["v4", "v3"] && runs[0] == fourth)
        #expect(runs[0].parameters == ["minSupport": "2", "shrinkage": "10"] && runs[0].evaluation == "{\"hr10\":0.31}")
        #expect(runs[0].createdAt == Self.march1 && runs[0].durationMs == 42 && runs[1].kind == "incremental")

        // An unknown shop: nothing written.
        await #expect(throws: StorageError.unknownShop(id: 999)) {
            try await db.store.saveRecommendationModel(Self.run(999, "x"), neighbours: Self.rows(1, "alsoBought", [2], score: 1), popular: [])
        }
    }

    /// Readers during a save see the old model or the new one, never a mix (one transaction: a WAL
    /// snapshot in SQLite, MVCC in PostgreSQL).
    @Test(arguments: Backend.all) func readersNeverSeeHalfAModel(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        func model(_ score: Double) -> [NeighbourRow] {
            (1...3_000).flatMap { p in
                ["alsoBought", "boughtTogether"].flatMap { kind in
                    (0..<10).map { NeighbourRow(productID: Int64(p), kind: kind, rank: $0, neighbourID: Int64(p + $0 + 1), score: score, evidence: 1) }
                }
            }
        }
        _ = try await db.store.saveRecommendationModel(Self.run(shop.id, "old"), neighbours: model(1), popular: [])
        let new = model(2)
        async let saving = db.store.saveRecommendationModel(Self.run(shop.id, "new"), neighbours: new, popular: [])
        var seen = Set<Double>()
        for _ in 0..<20 {
            let lists = try await db.store.recommendationNeighbourLists(shopID: shop.id)
            let scores = Set(lists.flatMap(\.scores))
            #expect(lists.count == 6_000 && scores.count == 1)
            seen.formUnion(scores)
        }
        _ = try await saving
        let after = Set(try await db.store.recommendationNeighbourLists(shopID: shop.id).flatMap(\.scores))
        #expect(after == [2])
        #expect(seen.isSubset(of: [1, 2]))
    }

    /// Full saves of one shop at once (two replicas' jobs) each replace the model whole: what is
    /// left is exactly the newest run's lists, never a union of both.
    @Test(arguments: Backend.all) func concurrentFullSavesLeaveOneModel(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        func model(_ products: ClosedRange<Int64>, score: Double) -> [NeighbourRow] {
            products.flatMap { Self.rows($0, "alsoBought", [$0 + 1, $0 + 2], score: score) }
        }
        let models = [model(1...2_000, score: 1), model(3_001...3_500, score: 2), model(5_001...6_000, score: 3)]
        async let a = db.store.saveRecommendationModel(Self.run(shop.id, "a"), neighbours: models[0], popular: [], keepRuns: 10)
        async let b = db.store.saveRecommendationModel(Self.run(shop.id, "b"), neighbours: models[1], popular: [], keepRuns: 10)
        async let c = db.store.saveRecommendationModel(Self.run(shop.id, "c"), neighbours: models[2], popular: [], keepRuns: 10)
        let saved = try await [a, b, c]
        let newest = try #require(saved.max { $0.id < $1.id })
        let expected = models[["a": 0, "b": 1, "c": 2][newest.version] ?? 0]
        #expect(try await db.store.recommendationNeighbours(shopID: shop.id) == expected)
        #expect(try await db.store.latestRecommendationRun(shopID: shop.id) == newest)
    }

    /// Retention keeps the newest `keepRuns` runs and any run an aliased model version points at
    /// (`recommendation-run:<id>`).
    @Test(arguments: Backend.all) func retentionKeepsTheRunsOfAliasedVersions(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        func register(_ run: RecommendationRun) async throws {
            _ = try await db.store.registerModelVersion(ModelVersionDraft(
                shopID: shop.id, kind: "recommendations", createdBy: "test", trigger: "manual", parameters: [:],
                data: TrainingDataIdentity(firstEventID: 1, lastEventID: 1, eventCount: 1, projectionDigest: "d"),
                holdoutMetrics: ["hr10": 0.3], primaryMetric: "hr10", higherIsBetter: true,
                artifactURI: "recommendation-run:\(run.id)", artifactDigest: "a\(run.id)"), at: Date())
        }
        // Version 1 (run v1) becomes champion; version 2 (run v2) is never aliased.
        let first = try await db.store.saveRecommendationModel(Self.run(shop.id, "v1"), neighbours: [], popular: [], keepRuns: 1)
        try await register(first)
        _ = try await db.store.moveAliases(shopID: shop.id, kind: "recommendations", [AliasChange(alias: "champion", version: 1)],
                                           actor: "test", action: "promote", reason: "test", at: Date())
        let second = try await db.store.saveRecommendationModel(Self.run(shop.id, "v2"), neighbours: [], popular: [], keepRuns: 1)
        try await register(second)
        #expect(try await db.store.recommendationRuns(shopID: shop.id, limit: 10).map(\.version) == ["v2", "v1"])
        _ = try await db.store.updateRecommendationNeighbours(Self.run(shop.id, "v3", kind: "incremental"), productIDs: [],
                                                              neighbours: [], popular: nil, keepRuns: 1)
        #expect(try await db.store.recommendationRuns(shopID: shop.id, limit: 10).map(\.version) == ["v3", "v1"])
    }

    @Test(arguments: Backend.all) func rulesAreUpsertedAndDeleted(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        try await db.store.setRecommendationRule(RecommendationRule(shopID: shop.id, productID: 10, targetID: 30, action: .pin, position: 1,
                                                                 note: "bundle", createdAt: Self.march1))
        try await db.store.setRecommendationRule(RecommendationRule(shopID: shop.id, productID: 0, targetID: 99, action: .block,
                                                                 createdAt: Self.march1))
        try await db.store.setRecommendationRule(RecommendationRule(shopID: shop.id, productID: 10, targetID: 20, action: .pin, position: 0,
                                                                 createdAt: Self.march1))
        // Same product and target: replaced, not added.
        try await db.store.setRecommendationRule(RecommendationRule(shopID: shop.id, productID: 10, targetID: 30, action: .block,
                                                                 note: "out of season", createdAt: Self.march1 + 60))
        let rules = try await db.store.recommendationRules(shopID: shop.id)
        #expect(rules.map { "\($0.productID)→\($0.targetID) \($0.action.rawValue)" } == ["0→99 block", "10→20 pin", "10→30 block"])
        #expect(rules[2] == RecommendationRule(shopID: shop.id, productID: 10, targetID: 30, action: .block, position: 0,
                                               note: "out of season", createdAt: Self.march1 + 60))
        #expect(try await db.store.deleteRecommendationRule(shopID: shop.id, productID: 10, targetID: 30))
        #expect(try await !db.store.deleteRecommendationRule(shopID: shop.id, productID: 10, targetID: 30))
        #expect(try await db.store.recommendationRules(shopID: shop.id).count == 2)
        await #expect(throws: RecommendationRuleError.invalid(field: "position", reason: "must be 0 or more")) {
            try await db.store.setRecommendationRule(RecommendationRule(shopID: shop.id, productID: 10, targetID: 20, action: .pin,
                                                                     position: -1, createdAt: 0))
        }
        await #expect(throws: RecommendationRuleError.self) {
            try await db.store.setRecommendationRule(RecommendationRule(shopID: shop.id, productID: 10, targetID: 10, action: .pin, createdAt: 0))
        }
        await #expect(throws: StorageError.unknownShop(id: 999)) {
            try await db.store.setRecommendationRule(RecommendationRule(shopID: 999, productID: 1, targetID: 2, action: .pin, createdAt: 0))
        }
    }

    @Test(arguments: Backend.all) func logAppendsBatchesReadsNewestFirstAndPrunesByAge(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let other = try await db.makeShop(domain: "other.myshopify.com")
        let entries = (0..<300).map { k in
            RecommendationLogEntry(at: Self.march1 + Int64(k), requestID: "req-\(k)", surface: k % 2 == 0 ? "product" : "cart",
                                   seed: "\(k)", customerHash: k % 3 == 0 ? nil : "h\(k)", modelVersion: "v1",
                                   items: [Int64(k), Int64(k + 1), 9_007_199_254_740_993], latencyMicros: k % 5 == 0 ? nil : 120 + k)
        }
        try await db.store.appendRecommendationLog(shopID: shop.id, entries)
        try await db.store.appendRecommendationLog(shopID: other.id, Array(entries.prefix(10)))
        try await db.store.appendRecommendationLog(shopID: shop.id, [])
        #expect(try await db.store.recommendationLogCount(shopID: shop.id) == 300)
        #expect(try await db.store.recommendationLog(shopID: shop.id, limit: 2) == [entries[299], entries[298]])
        // Entries older than march1 + 100 go, in every shop: 100 here, all 10 of the other shop.
        #expect(try await db.store.pruneRecommendationLog(before: Self.march1 + 100) == 110)
        #expect(try await db.store.recommendationLogCount(shopID: shop.id) == 200)
        #expect(try await db.store.recommendationLog(shopID: shop.id, limit: 500).last == entries[100])
        #expect(try await db.store.recommendationLogCount(shopID: other.id) == 0)
        // customers/redact: the entries of one customer hash go (h101 is among those left), nothing else.
        #expect(try await db.store.deleteRecommendationLog(shopID: shop.id, customerHash: "h101") == 1)
        #expect(try await db.store.recommendationLogCount(shopID: shop.id) == 199)
        await #expect(throws: (any Error).self) {
            try await db.store.appendRecommendationLog(shopID: 999, Array(entries.prefix(1)))
        }
    }

    @Test(arguments: Backend.all) func shopRedactDeletesEveryRecommendationRow(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let other = try await db.makeShop(domain: "other.myshopify.com")
        for id in [shop.id, other.id] {
            _ = try await db.store.saveRecommendationModel(Self.run(id, "v1"), neighbours: Self.rows(10, "alsoBought", [20], score: 1),
                                                           popular: [PopularRow(kind: "popular", rank: 0, productID: 10, score: 1, evidence: 1)])
            try await db.store.setRecommendationRule(RecommendationRule(shopID: id, productID: 0, targetID: 5, action: .block, createdAt: 0))
            try await db.store.appendRecommendationLog(shopID: id, [RecommendationLogEntry(
                at: Self.march1, requestID: "r", surface: "home", seed: "home", customerHash: "h", modelVersion: "v1", items: [10],
                latencyMicros: 90)])
        }
        try await db.store.deleteShopData(shopID: shop.id)
        let tables = ["recommendation_runs", "recommendation_neighbours", "recommendation_popular", "recommendation_rules", "recommendation_log"]
        for table in tables {
            #expect(try await db.count("SELECT COUNT(*) FROM \(table) WHERE shop_id = ?", [shop.id]) == 0, "\(table)")
            #expect(try await db.count("SELECT COUNT(*) FROM \(table) WHERE shop_id = ?", [other.id]) == 1, "\(table)")
        }
    }

    /// Scale: 1M orders × 4 lines read as baskets (whole and in pages), 50k products × 3 kinds × 30
    /// neighbours saved and loaded. Rows are generated in SQL (not ingested) so the setup is quick.
    @Test("1M orders and 50k products' neighbours (STOREWISE_SLOW_TESTS=1)", arguments: Backend.all)
    func scale(_ backend: Backend) async throws {
        guard ProcessInfo.processInfo.environment["STOREWISE_SLOW_TESTS"] == "1" else {
            print("SKIP RecommendationStoreTests.scale: set STOREWISE_SLOW_TESTS=1 (1M orders, 4.5M neighbours)")
            return
        }
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> String {
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            return String(Double(Int((s * 1000).rounded())) / 1000)
        }
        // The same rows in each dialect: order i at 1,700,000,000 + 30 i seconds, four lines of pseudo-random products.
        let setup = try await clock.measure {
            if let sqlite = db.sqlite {
                try await sqlite.writer.write { db in
                    try db.execute(sql: """
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
                        INSERT INTO orders (shop_id, id, name, created_at, updated_at, currency, channel, customer_id, subtotal_minor,
                            total_minor, total_discounts_minor, total_tax_minor, discount_codes, tags, test, day, demand_location_id,
                            counted, line_item_count, units)
                        SELECT ?1, 5000000 + i, '#' || i, (1700000000 + i * 30) * 1000, (1700000000 + i * 30) * 1000, 'USD', 'web',
                            i % 200000, 1000, 1000, 0, 0, '[]', '[]', 0, '2024-01-01', 0, 1, 4, 4 FROM n;
                        WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 3)
                        INSERT INTO line_items (shop_id, order_id, position, product_id, variant_id, title, quantity, price_minor,
                            total_discount_minor, currency, gift_card, day, demand_location_id, counted)
                        SELECT o.shop_id, o.id, k.j, 1 + abs((o.id * 7919 + k.j * 104729) % 50000), 1, 't', 1, 250, 0, 'USD', 0,
                            '2024-01-01', 0, 1 FROM orders o, k WHERE o.shop_id = \(shop.id);
                        """, arguments: [shop.id])
                }
            } else if let postgres = db.postgres {
                try await postgres.execute("""
                    INSERT INTO orders (shop_id, id, name, created_at, updated_at, currency, channel, customer_id, subtotal_minor,
                        total_minor, total_discounts_minor, total_tax_minor, discount_codes, tags, test, day, demand_location_id,
                        counted, line_item_count, units)
                    SELECT \(shop.id), 5000000 + i, '#' || i, (1700000000 + i * 30) * 1000, (1700000000 + i * 30) * 1000, 'USD', 'web',
                        i % 200000, 1000, 1000, 0, 0, '[]', '[]', 0, '2024-01-01', 0, 1, 4, 4 FROM generate_series(1::bigint, 1000000) AS n(i)
                    """)
                try await postgres.execute("""
                    INSERT INTO line_items (shop_id, order_id, position, product_id, variant_id, title, quantity, price_minor,
                        total_discount_minor, currency, gift_card, day, demand_location_id, counted)
                    SELECT o.shop_id, o.id, k.j, 1 + abs((o.id * 7919 + k.j * 104729) % 50000), 1, 't', 1, 250, 0, 'USD', 0,
                        '2024-01-01', 0, 1 FROM orders o, generate_series(0::bigint, 3) AS k(j) WHERE o.shop_id = \(shop.id)
                    """)
                try await postgres.execute("ANALYZE orders")
                try await postgres.execute("ANALYZE line_items")
            }
        }
        print("scale: inserted 1M orders, 4M lines in \(seconds(setup)) s")
        var all: [OrderBasketRow] = []
        let whole = try await clock.measure { all = try await db.store.recommendationBaskets(shopID: shop.id, after: nil, limit: nil) }
        print("scale: 1M baskets whole in \(seconds(whole)) s")
        #expect(all.count == 1_000_000)
        var paged = 0
        let pages = try await clock.measure {
            var cursor: BasketCursor?
            while true {
                let page = try await db.store.recommendationBaskets(shopID: shop.id, after: cursor, limit: 100_000)
                guard let last = page.last else { break }
                paged += page.count
                cursor = BasketCursor(after: last)
            }
        }
        print("scale: 1M baskets in pages of 100k in \(seconds(pages)) s")
        #expect(paged == 1_000_000)
        let tail = try await clock.measure {
            _ = try await db.store.recommendationBaskets(shopID: shop.id, after: BasketCursor(after: all[999_000]), limit: nil)
        }
        print("scale: last 999 baskets after a cursor in \(seconds(tail)) s")

        let kinds = ["alsoBought", "boughtTogether", "completeTheLook"]
        var rows: [NeighbourRow] = []
        rows.reserveCapacity(50_000 * 3 * 30)
        for p in 1...50_000 {
            for kind in kinds {
                for r in 0..<30 {
                    rows.append(NeighbourRow(productID: Int64(p), kind: kind, rank: r, neighbourID: Int64((p + r * 37) % 50_000 + 1),
                                             score: 1 / Double(r + 1), evidence: 30 - r))
                }
            }
        }
        let save = try await clock.measure {
            _ = try await db.store.saveRecommendationModel(Self.run(shop.id, "scale"), neighbours: rows, popular: [])
        }
        print("scale: saved 4.5M neighbour rows in \(seconds(save)) s")
        var lists: [NeighbourList] = []
        let load = try await clock.measure { lists = try await db.store.recommendationNeighbourLists(shopID: shop.id) }
        print("scale: loaded 150k neighbour lists in \(seconds(load)) s")
        #expect(lists.count == 150_000 && lists.allSatisfy { $0.neighbourIDs.count == 30 })
        var flat = 0
        let loadRows = try await clock.measure { flat = try await db.store.recommendationNeighbours(shopID: shop.id).count }
        print("scale: loaded 4.5M neighbour rows in \(seconds(loadRows)) s")
        #expect(flat == 4_500_000)
        let one = try await clock.measure {
            for p in 1...1_000 { _ = try await db.store.recommendationNeighbours(shopID: shop.id, productID: Int64(p)) }
        }
        print("scale: 1,000 single-product reads in \(seconds(one)) s")
    }
}
