import Commerce
import Foundation
import Testing
import TestSupport
@testable import Pipeline
@testable import Storage

/// The recommendation job, service and engine on a hand-made shop ingested into a real SQLite
/// file. Expected lists are worked out by hand from the orders below.
@Suite("Recommendation job and engine")
struct RecommendationJobTests {
    /// Products 1–6 (variant 10·id + 1), orders of customers 7001–7004 (A–D) and guests:
    ///
    /// | orders | who | products |
    /// |---|---|---|
    /// | 1–4 | A, B, C, D | 1 + 2 |
    /// | 5–6 | A, B | 1 + 3 |
    /// | 7–8 | C, D | 1 + 4 |
    /// | 9 | A | 2 + 4 |
    /// | 10–12 | guests | 5 |
    /// | 13–15 | C, cancelled | 1 + 6 |
    ///
    /// Product 3 is sold out (inventory level 0), product 6 is a draft.
    func shop() async throws -> (SQLiteStore, Int64, URL) {
        let (store, directory) = try SQLiteStore.temporary()
        let shop = try await store.createShop(Shop(domain: "recs.myshopify.com", name: "Recs", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "recs-secret", apiTokenHash: "h", at: Date())
        func event(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            IncomingEvent(shopID: shop.id, topic: topic, webhookID: id, body: ShopifyJSON.encode(payload), payload: payload,
                          receivedAt: Date(), source: .webhook)
        }
        let names = [1: ("Dripper", "Brewing"), 2: ("Filters", "Filters"), 3: ("Mug", "Mugs"), 4: ("Beans", "Coffee"),
                     5: ("Grinder", "Brewing"), 6: ("Kettle", "Brewing")]
        var events: [IncomingEvent] = names.keys.sorted().map { id in
            let variant = Variant(id: Int64(id) * 10 + 1, productID: Int64(id), title: "Default", price: SampleOrders.usd(Int64(id) * 1000),
                                  inventoryItemID: Int64(id) * 100)
            let product = Product(id: Int64(id), title: names[id]!.0, productType: names[id]!.1, handle: names[id]!.0.lowercased(),
                                  status: id == 6 ? "draft" : "active", variants: [variant])
            return event(.product(product), .productsCreate, "p\(id)")
        }
        events.append(event(.inventoryLevel(InventoryLevel(inventoryItemID: 300, locationID: 1, available: 0, updatedAt: Date())),
                            .inventoryLevelsUpdate, "inv3"))
        events.append(event(.inventoryLevel(InventoryLevel(inventoryItemID: 200, locationID: 1, available: 12, updatedAt: Date())),
                            .inventoryLevelsUpdate, "inv2"))
        let customers = (7001...7004).map { SampleOrders.customer(id: Int64($0), email: "c\($0)@example.com") }
        let plan: [(Int, [Int64], Int?, Bool)] = [
            (1, [1, 2], 0, false), (2, [1, 2], 1, false), (3, [1, 2], 2, false), (4, [1, 2], 3, false),
            (5, [1, 3], 0, false), (6, [1, 3], 1, false), (7, [1, 4], 2, false), (8, [1, 4], 3, false), (9, [2, 4], 0, false),
            (10, [5], nil, false), (11, [5], nil, false), (12, [5], nil, false),
            (13, [1, 6], 2, true), (14, [1, 6], 2, true), (15, [1, 6], 2, true),
        ]
        for (id, products, who, cancelled) in plan {
            events.append(event(.order(Self.order(id, products, who.map { customers[$0] }, day: 1 + id, cancelled: cancelled)), .ordersCreate, "o\(id)"))
        }
        _ = try await store.ingest(events)
        return (store, shop.id, directory)
    }

    static func order(_ id: Int, _ products: [Int64], _ customer: Customer?, day: Int, cancelled: Bool = false) -> Order {
        let date = String(format: "2024-01-%02dT12:00:00Z", day)
        return SampleOrders.order(id: Int64(id), name: "#\(id)", createdAt: date, lines: products.map { ($0 * 10 + 1, 1, $0 * 1000) },
                                  customer: customer, cancelledAt: cancelled ? date : nil)
    }

    @Test("A full build stores bought-together lists ordered by shrunk lift, with counts")
    func fullBuild() async throws {
        let (store, shopID, directory) = try await shop()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = try await RecommendationJob(store: store).build(shopID: shopID)
        #expect(state.latestRun.kind == "full" && state.latestRun.orders == 12)
        let rows = try await store.recommendationNeighbours(shopID: shopID, productID: 1).filter { $0.kind == "bought_together" }
        // n = 12 baskets, n1 = 8, n2 = 5, n3 = 2, n4 = 3; pairs 1·2 = 4, 1·3 = 2, 1·4 = 2.
        // Shrunk lift (λ = 5): 2: 4·12/(8·5) · 4/9 = 0.5333; 3: 2·12/(8·2) · 2/7 = 0.4286; 4: 2·12/(8·3) · 2/7 = 0.2857.
        #expect(rows.map(\.neighbourID) == [2, 3, 4])
        #expect(rows.map(\.evidence) == [4, 2, 2])
        #expect(abs(rows[0].score - 0.533333) < 1e-5 && abs(rows[1].score - 0.428571) < 1e-5 && abs(rows[2].score - 0.285714) < 1e-5)
        // Cancelled orders teach nothing: the draft kettle (6) is only in cancelled orders, so it has
        // no order-based lists (only complete-the-look, which comes from its product type).
        let kettle = try await store.recommendationNeighbours(shopID: shopID, productID: 6)
        #expect(kettle.allSatisfy { $0.kind == "complete_the_look" })
        #expect(try await store.recommendationNeighbours(shopID: shopID, productID: 2).allSatisfy { $0.neighbourID != 6 })
        let popular = try await store.recommendationPopular(shopID: shopID).filter { $0.kind == "popular" }
        #expect(popular.first?.productID == 1 && popular.first?.evidence == 8)
    }

    @Test("Served lists skip sold-out and draft products, name the reason, and follow pins and blocks")
    func serving() async throws {
        let (store, shopID, directory) = try await shop()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await RecommendationJob(store: store).build(shopID: shopID)
        let log = RecommendationLogWriter(store: store)
        let engine = RecommendationEngine(store: store, log: log)

        let page = try await engine.recommend(RecommendationQuery(shopID: shopID, surface: .product(1), limit: 4))
        let ids = page.products.map(\.productID)
        #expect(ids.prefix(2) == [2, 4])
        #expect(!ids.contains(3) && !ids.contains(6) && !ids.contains(1))
        #expect(page.products[0].reason == "Bought together with Dripper 4 times")
        #expect(page.products[0].signal == "bought_together" && page.products[0].evidence == 4)
        #expect(page.products[0].available == 12 && page.products[0].priceMinor == 2000)
        #expect(page.modelVersion.hasPrefix("r"))

        try await engine.setRule(RecommendationRule(shopID: shopID, productID: 1, targetID: 5, action: .pin, createdAt: 0))
        try await engine.setRule(RecommendationRule(shopID: shopID, productID: 1, targetID: 2, action: .block, createdAt: 0))
        let ruled = try await engine.recommend(RecommendationQuery(shopID: shopID, surface: .product(1), limit: 4))
        #expect(ruled.products.first?.productID == 5 && ruled.products.first?.signal == "pinned")
        #expect(!ruled.products.map(\.productID).contains(2))

        await #expect(throws: RecommendationError.unknownProduct(99)) {
            try await engine.recommend(RecommendationQuery(shopID: shopID, surface: .product(99)))
        }
        await #expect(throws: RecommendationError.self) {
            try await engine.recommend(RecommendationQuery(shopID: shopID, surface: .product(1), limit: 0))
        }

        // The customer surface: A bought 1, 2, 3, 4; leaving those out leaves only 5 (6 is a draft).
        let fresh = try await engine.recommend(RecommendationQuery(shopID: shopID, surface: .customer(7001, viewed: []), limit: 5,
                                                                   customerID: 7001, excludePurchased: true))
        #expect(fresh.products.map(\.productID) == [5])

        await log.flush()
        let entries = try await store.recommendationLog(shopID: shopID, limit: 10)
        #expect(entries.count == 3)
        #expect(entries.first?.customerHash != nil && entries.first?.customerHash?.contains("7001") == false)
        #expect(entries.last?.items == ids && entries.last?.seed == "1")

        // Entries older than the retention are pruned: all three are from now, so 90 days keeps them
        // and pruning as of 91 days later removes them (after the redaction check below).
        #expect(await log.prune() == 0)

        // customers/redact removes the customer's logged responses (found by the same keyed hash).
        let record = try #require(try await store.shop(id: shopID))
        let privacy = PrivacyRequestHandler(log: store, reader: store, dataDirectory: directory, recommendations: store)
        try await privacy.afterStore(.customersRedact(CustomerPrivacyRequest(
            shopID: nil, shopDomain: record.shop.domain, customerID: 7001, customerEmail: nil, customerPhone: nil,
            orderIDs: [], requestID: nil)), shop: record)
        let kept = try await store.recommendationLog(shopID: shopID, limit: 10)
        #expect(kept.count == 2 && kept.allSatisfy { $0.customerHash == nil })
        #expect(await log.prune(now: Date().addingTimeInterval(91 * 86_400)) == 2)
        #expect(try await store.recommendationLogCount(shopID: shopID) == 0)
    }

    @Test("New orders update the touched products' lists incrementally, and the service serves them")
    func incremental() async throws {
        let (store, shopID, directory) = try await shop()
        defer { try? FileManager.default.removeItem(at: directory) }
        let engine = RecommendationEngine(store: store)
        let service = RecommendationService(store: store, engine: engine)
        var states: [Int64: RecommendationState] = [:]
        let first = await service.pass(states: &states)
        #expect(first.count == 1 && first[0].hasPrefix("r") && !first[0].contains("."))
        #expect(await service.pass(states: &states).isEmpty)  // nothing new

        let a = SampleOrders.customer(id: 7001, email: "c7001@example.com")
        let b = SampleOrders.customer(id: 7002, email: "c7002@example.com")
        _ = try await store.ingest([16, 17].map { id in
            let order = Self.order(id, [1, 5], id == 16 ? a : b, day: 20 + id - 16)
            return IncomingEvent(shopID: shopID, topic: .ordersCreate, webhookID: "o\(id)", body: ShopifyJSON.encode(.order(order)),
                                 payload: .order(order), receivedAt: Date(), source: .webhook)
        })
        let second = await service.pass(states: &states)
        #expect(second == [first[0] + ".1"])
        let run = try #require(try await store.latestRecommendationRun(shopID: shopID))
        #expect(run.kind == "incremental" && run.orders == 2)
        let rows = try await store.recommendationNeighbours(shopID: shopID, productID: 1).filter { $0.kind == "bought_together" }
        let five = try #require(rows.first { $0.neighbourID == 5 })
        #expect(five.evidence == 2)
        let served = try await engine.recommend(RecommendationQuery(shopID: shopID, surface: .product(5), limit: 3))
        #expect(served.modelVersion == first[0] + ".1")
        #expect(served.products.first?.productID == 1 && served.products.first?.reason == "Bought together with Grinder 2 times")
    }
}
