import Commerce
import Foundation
import Storage
import Testing

/// Scoring runs and scores on every backend (conformance): replacement per run, retention,
/// filters, sorting, paging, CLV bands, and the cascade from the shop.
@Suite struct CustomerScoreStoreTests {
    static func score(_ id: Int64, segment: String, alive: Double, clv: Int64, spend: Int64, last: String) -> CustomerScoreRow {
        CustomerScoreRow(customerID: id, orders: 2, onlineOrders: 1, posOrders: 1, frequency: 1, recencyDays: 10, ageDays: 40,
                         firstOrderDay: "2024-01-01", lastOrderDay: last, spendMinor: spend, refundedMinor: 0, currency: "USD",
                         probabilityAlive: alive, expectedPurchases: 0.5, expectedOrderValueMinor: 2000, lifetimeValueMinor: clv,
                         recencyScore: 3, frequencyScore: 3, monetaryScore: 3, segment: segment)
    }

    static func run(_ shopID: Int64, eventCount: Int = 5) -> CustomerValueRun {
        CustomerValueRun(shopID: shopID, createdAt: Date(timeIntervalSince1970: 1_700_000_000.1234), model: "bgnbd",
                         parameters: ["r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426], spendParameters: ["p": 6.25, "q": 3.74, "v": 15.44],
                         meanOrderValue: 3500, unitDays: 1, logLikelihood: -9582.4, customers: 4, repeatBuyers: 4, orders: 9, skippedOrders: 1,
                         currency: "USD", horizonDays: 90, clvMonths: 12,
                         holdout: CustomerHoldout(days: 90, customers: 4, meanAbsoluteError: 0.25, predictedPurchases: 3.5, actualPurchases: 4),
                         seconds: 1.2345, eventCount: eventCount)
    }

    let rows = [
        score(1, segment: "champions", alive: 0.95, clv: 50_000, spend: 80_000, last: "2024-03-01"),
        score(2, segment: "at_risk", alive: 0.30, clv: 30_000, spend: 90_000, last: "2024-01-10"),
        score(3, segment: "at_risk", alive: 0.40, clv: 5_000, spend: 10_000, last: "2024-01-20"),
        score(4, segment: "hibernating", alive: 0.10, clv: 500, spend: 1_000, last: "2023-12-01"),
    ]

    func database(_ backend: Backend) async throws -> (ConformanceDatabase, Int64) {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.store.createShop(Shop(domain: "scores.myshopify.com", name: "Scores", currency: "USD", timeZone: "UTC"),
                                                 webhookSecret: "s", apiTokenHash: "h", at: Date())
        return (db, shop.id)
    }

    @Test(arguments: Backend.all) func runsRoundTripAndScoresAreReplacedPerRun(_ backend: Backend) async throws {
        let (db, shopID) = try await database(backend)
        let first = try await db.store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 2)
        #expect(try await db.store.latestCustomerValueRun(shopID: shopID) == first)
        #expect(first.seconds == 1.235 && first.holdout?.actualPurchases == 4 && first.parameters["alpha"] == 4.414)
        let second = try await db.store.saveCustomerScores(Self.run(shopID, eventCount: 9), scores: Array(rows.prefix(2)), keepRuns: 2)
        let third = try await db.store.saveCustomerScores(Self.run(shopID, eventCount: 12), scores: Array(rows.prefix(3)), keepRuns: 2)
        #expect(try await db.store.customerValueRuns(shopID: shopID, limit: 10).map(\.id) == [third.id, second.id])
        let (all, total) = try await db.store.customerScores(shopID: shopID, query: CustomerScoreQuery())
        #expect(total == 3 && all.allSatisfy { $0.runID == third.id })
        #expect(try await db.store.customerScore(shopID: shopID, customerID: 4) == nil)
        #expect(try await db.store.customerScore(shopID: shopID, customerID: 2)?.segment == "at_risk")
    }

    @Test(arguments: Backend.all) func filtersSortsAndPages(_ backend: Backend) async throws {
        let (db, shopID) = try await database(backend)
        _ = try await db.store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 5)
        func ids(_ query: CustomerScoreQuery) async throws -> ([Int64], Int) {
            let (page, total) = try await db.store.customerScores(shopID: shopID, query: query)
            return (page.map(\.customerID), total)
        }
        #expect(try await ids(CustomerScoreQuery()) == ([1, 2, 3, 4], 4))
        #expect(try await ids(CustomerScoreQuery(sort: .churnRisk)) == ([4, 2, 3, 1], 4))
        #expect(try await ids(CustomerScoreQuery(sort: .spend)) == ([2, 1, 3, 4], 4))
        #expect(try await ids(CustomerScoreQuery(sort: .recent)) == ([1, 3, 2, 4], 4))
        #expect(try await ids(CustomerScoreQuery(segment: "at_risk")) == ([2, 3], 2))
        // At risk and valuable: churn risk ≥ 0.5 (P(alive) ≤ 0.5) and CLV ≥ 50.00 (5,000 minor units).
        #expect(try await ids(CustomerScoreQuery(minimumChurnRisk: 0.5, minimumValueMinor: 5_000)) == ([2, 3], 2))
        #expect(try await ids(CustomerScoreQuery(limit: 2, offset: 1)) == ([2, 3], 4))
        // Bands: < 1,000 | 1,000 ≤ · < 10,000 | 10,000 ≤ · < 40,000 | ≥ 40,000.
        #expect(try await db.store.valueDistribution(shopID: shopID, bounds: [10_000, 1_000, 40_000]) == [1, 1, 1, 1])
        let segments = try await db.store.segmentSummaries(shopID: shopID)
        #expect(segments.map(\.segment) == ["champions", "at_risk", "hibernating"])
        let atRisk = try #require(segments.first { $0.segment == "at_risk" })
        #expect(atRisk.customers == 2 && atRisk.lifetimeValueMinor == 35_000 && atRisk.spendMinor == 100_000)
        #expect(abs(atRisk.meanProbabilityAlive - 0.35) < 1e-12)
    }

    /// Saves of one shop at once (two replicas' jobs) each replace the scores whole: the scores
    /// left are all of the newest run, never a mix or a key collision.
    @Test(arguments: Backend.all) func concurrentSavesOfOneShopLeaveOneRunsScores(_ backend: Backend) async throws {
        let (db, shopID) = try await database(backend)
        _ = try await db.store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 10)
        let many = (1...2_000).map { Self.score(Int64($0), segment: "champions", alive: 0.5, clv: Int64($0), spend: 1, last: "2024-02-01") }
        async let a = db.store.saveCustomerScores(Self.run(shopID, eventCount: 6), scores: many, keepRuns: 10)
        async let b = db.store.saveCustomerScores(Self.run(shopID, eventCount: 7), scores: rows, keepRuns: 10)
        async let c = db.store.saveCustomerScores(Self.run(shopID, eventCount: 8), scores: Array(many.prefix(500)), keepRuns: 10)
        let saved = try await [a, b, c]
        let newest = try #require(saved.max { $0.id < $1.id })
        let (page, total) = try await db.store.customerScores(shopID: shopID, query: CustomerScoreQuery(limit: 5_000))
        #expect(total == [6: 2_000, 7: 4, 8: 500][newest.eventCount])
        #expect(page.allSatisfy { $0.runID == newest.id })
        #expect(try await db.store.latestCustomerValueRun(shopID: shopID) == newest)
    }

    /// Retention keeps the newest `keepRuns` runs and any run an aliased model version points at
    /// (`customer-value-run:<id>`), so a champion's run survives newer runs.
    @Test(arguments: Backend.all) func retentionKeepsTheRunsOfAliasedVersions(_ backend: Backend) async throws {
        let (db, shopID) = try await database(backend)
        func register(_ run: CustomerValueRun) async throws {
            _ = try await db.store.registerModelVersion(ModelVersionDraft(
                shopID: shopID, kind: "customer-value", createdBy: "test", trigger: "manual", parameters: [:],
                data: TrainingDataIdentity(firstEventID: 1, lastEventID: 1, eventCount: 1, projectionDigest: "d"),
                holdoutMetrics: ["mae": 1], primaryMetric: "mae", higherIsBetter: false,
                artifactURI: "customer-value-run:\(run.id)", artifactDigest: "a\(run.id)"), at: Date())
        }
        // Version 1 is the first run's and becomes champion; version 2 (the second run's) is never aliased.
        let first = try await db.store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 1)
        try await register(first)
        _ = try await db.store.moveAliases(shopID: shopID, kind: "customer-value", [AliasChange(alias: "champion", version: 1)],
                                           actor: "test", action: "promote", reason: "test", at: Date())
        let second = try await db.store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 1)
        try await register(second)
        #expect(try await db.store.customerValueRuns(shopID: shopID, limit: 10).map(\.id) == [second.id, first.id])
        let newest = try await db.store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 1)
        #expect(try await db.store.customerValueRuns(shopID: shopID, limit: 10).map(\.id) == [newest.id, first.id])
    }

    @Test(arguments: Backend.all) func shopRedactDeletesRunsAndScores(_ backend: Backend) async throws {
        let (db, shopID) = try await database(backend)
        _ = try await db.store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 5)
        try await db.store.deleteShopData(shopID: shopID)
        #expect(try await db.store.latestCustomerValueRun(shopID: shopID) == nil)
        #expect(try await db.store.customerScores(shopID: shopID, query: CustomerScoreQuery()).total == 0)
        await #expect(throws: StorageError.self) { try await db.store.saveCustomerScores(Self.run(shopID), scores: [], keepRuns: 1) }
    }

    /// A UTC shop with location 2 "Shop" (POS), products 500 (Shirts) and 600 (Mugs), and orders at noon:
    ///
    /// | order | who | day | channel | lines | total | what happens |
    /// |---|---|---|---|---|---|---|
    /// | 1 | Ada 7001 | 01-01 | web | 2 × 500 at 10.00 | 20.00 | counted |
    /// | 5 | Cy 7003 | 01-05 | POS | 1 × 600 at 25.00 | 25.00 | counted |
    /// | 2 | guest " ADA@Example.com" | 01-11 | POS | 1 × 600 at 30.00 | 30.00 | Ada's, by email |
    /// | 3 | Ada | 01-21 | web | 1 × 500 at 99.00 | 99.00 | cancelled |
    /// | 4 | Ada | 01-31 | web | 1 × 600 at 40.00, 3 × 500 at 5.00 | 55.00 | refund 10.00 |
    /// | 6 | Ada | 02-01 | web | 1 × 500 at 7.00 | 7.00 | test order: nowhere |
    @Test(arguments: Backend.all) func ordersProfileAndAudienceReadTheProjections(_ backend: Backend) async throws {
        let (db, shopID) = try await database(backend)
        let at = utc("2024-01-01T00:00:00Z")
        func webhook(_ payload: WebhookPayload, _ topic: WebhookTopic, _ id: String) -> IncomingEvent {
            event(shopID: shopID, payload, topic: topic, webhookID: id)
        }
        func line(_ id: Int64, _ product: Int64, _ quantity: Int, _ cents: Int64) -> LineItem {
            LineItem(id: id, productID: product, variantID: product * 10, title: "Item \(id)", quantity: quantity, price: usd(cents),
                     totalDiscount: usd(0))
        }
        let ada = Customer(id: 7001, email: "ada@example.com", firstName: "Ada", acceptsEmailMarketing: true, updatedAt: at)
        // Bob consents to email but has no address; Cy may only be texted.
        let bob = Customer(id: 7002, phone: "+15550100002", firstName: "Bob", acceptsEmailMarketing: true, updatedAt: at)
        let cy = Customer(id: 7003, email: "cy@example.com", phone: "+15550100003", firstName: "Cy", acceptsSMSMarketing: true,
                          updatedAt: at)
        var guest = makeOrder(id: 2, createdAt: "2024-01-11T12:00:00Z", lines: [line(21, 600, 1, 3000)], locationID: 2, channel: .pos)
        guest.email = " ADA@Example.com"
        let outcomes = try await db.ingest([
            webhook(.location(Location(id: 2, name: "Shop", isPOS: true)), .locationsCreate, "loc2"),
            webhook(.customer(ada), .customersCreate, "c1"), webhook(.customer(bob), .customersCreate, "c2"),
            webhook(.customer(cy), .customersCreate, "c3"),
            webhook(.product(Product(id: 500, title: "Tee", productType: "Shirts", updatedAt: at)), .productsCreate, "p500"),
            webhook(.product(Product(id: 600, title: "Mug", productType: "Mugs", updatedAt: at)), .productsCreate, "p600"),
            orderEvent(shopID: shopID, makeOrder(id: 1, createdAt: "2024-01-01T12:00:00Z", lines: [line(11, 500, 2, 1000)], customer: ada),
                       topic: .ordersCreate),
            orderEvent(shopID: shopID, makeOrder(id: 5, createdAt: "2024-01-05T12:00:00Z", lines: [line(51, 600, 1, 2500)], locationID: 2,
                                                 customer: cy, channel: .pos), topic: .ordersCreate),
            orderEvent(shopID: shopID, guest, topic: .ordersCreate),
            orderEvent(shopID: shopID, makeOrder(id: 3, createdAt: "2024-01-21T12:00:00Z", lines: [line(31, 500, 1, 9900)], customer: ada,
                                                 cancelledAt: "2024-01-21T13:00:00Z"), topic: .ordersCreate),
            orderEvent(shopID: shopID, makeOrder(id: 4, createdAt: "2024-01-31T12:00:00Z",
                                                 lines: [line(41, 600, 1, 4000), line(42, 500, 3, 500)], customer: ada), topic: .ordersCreate),
            webhook(.refund(Refund(id: 401, orderID: 4, createdAt: utc("2024-02-01T15:00:00Z"), lineItems: [], amount: usd(1000))),
                  .refundsCreate, "r401"),
            orderEvent(shopID: shopID, makeOrder(id: 6, createdAt: "2024-02-01T12:00:00Z", lines: [line(61, 500, 1, 700)], customer: ada,
                                                 test: true), topic: .ordersCreate),
        ])
        #expect(outcomes.allSatisfy { if case .stored = $0 { true } else { false } })

        let orders = try await db.store.customerOrders(shopID: shopID)
        #expect(orders.map { "\($0.orderID) \($0.customerID ?? 0) \($0.day) \($0.channel) \($0.totalMinor) \($0.refundedMinor) \($0.cancelled)" } == [
            "1 7001 2024-01-01 online 2000 0 false", "5 7003 2024-01-05 pos 2500 0 false", "2 0 2024-01-11 pos 3000 0 false",
            "3 7001 2024-01-21 online 9900 0 true", "4 7001 2024-01-31 online 5500 1000 false",
        ])
        #expect(orders[0].createdAt == utc("2024-01-01T12:00:00Z") && orders[0].currency == "USD")
        #expect(try await db.store.customerContacts(shopID: shopID).map(\.customerID) == [7001, 7002, 7003])

        _ = try await db.store.saveCustomerScores(Self.run(shopID), scores: [
            Self.score(7001, segment: "at_risk", alive: 0.4, clv: 50_000, spend: 9_500, last: "2024-01-31"),
            Self.score(7002, segment: "at_risk", alive: 0.2, clv: 100, spend: 0, last: "2024-01-05"),
            Self.score(7003, segment: "champions", alive: 0.9, clv: 30_000, spend: 2_500, last: "2024-01-05"),
        ], keepRuns: 1)

        let profile = try #require(try await db.store.customerProfile(shopID: shopID, customerID: 7001))
        // Orders 1, 2 (the guest order with Ada's email, trimmed and lowercased) and 4: 20 + 30 + 55 − 10 refunded.
        #expect(profile.orders == 3 && profile.lifetimeSpendMinor == 9_500 && profile.currency == "USD")
        #expect(profile.firstName == "Ada" && profile.acceptsEmailMarketing && !profile.acceptsSMSMarketing)
        #expect(profile.score?.segment == "at_risk" && profile.score?.lifetimeValueMinor == 50_000)
        // Shirts: 2 (order 1) + 3 (order 4); Mugs: 1 (order 2) + 1 (order 4). The cancelled and test orders do not count.
        #expect(profile.favouriteProductTypes == [ProductTypeCount(productType: "Shirts", units: 5),
                                                  ProductTypeCount(productType: "Mugs", units: 2)])
        #expect(profile.lastOnlinePurchase == RecentPurchase(
            orderID: 4, name: "#4", createdAt: utc("2024-01-31T12:00:00Z"), totalMinor: 5_500, currency: "USD", locationID: nil,
            locationName: nil, lines: [RecentPurchaseLine(title: "Item 41", variantTitle: nil, productType: "Mugs", quantity: 1),
                                       RecentPurchaseLine(title: "Item 42", variantTitle: nil, productType: "Shirts", quantity: 3)]))
        #expect(profile.lastInStorePurchase?.orderID == 2 && profile.lastInStorePurchase?.locationName == "Shop")
        #expect(profile.lastInStorePurchase?.locationID == 2)
        let cyProfile = try #require(try await db.store.customerProfile(shopID: shopID, customerID: 7003))
        #expect(cyProfile.orders == 1 && cyProfile.lastOnlinePurchase == nil && cyProfile.lastInStorePurchase?.orderID == 5)
        // Bob has no email: no guest order is his, and he has none of his own.
        let bobProfile = try #require(try await db.store.customerProfile(shopID: shopID, customerID: 7002))
        #expect(bobProfile.orders == 0 && bobProfile.lifetimeSpendMinor == 0 && bobProfile.currency == nil)
        #expect(try await db.store.customerProfile(shopID: shopID, customerID: 9999) == nil)

        // Consent and an address: only Ada may be emailed, only Cy texted.
        let email = try await db.store.audience(shopID: shopID, segment: nil, channel: .email)
        #expect(email.map(\.customerID) == [7001] && email.first?.email == "ada@example.com" && email.first?.firstName == "Ada")
        #expect(email.first?.lifetimeValueMinor == 50_000 && email.first?.segment == "at_risk")
        #expect(try await db.store.audience(shopID: shopID, segment: nil, channel: .sms).map(\.customerID) == [7003])
        #expect(try await db.store.audience(shopID: shopID, segment: "champions", channel: .email).isEmpty)
        #expect(try await db.store.audience(shopID: shopID, segment: "at_risk", channel: .email).map(\.customerID) == [7001])
        let segments = try await db.store.segmentSummaries(shopID: shopID)
        // By CLV: at risk (500.00 + 1.00) before champions; Bob's email consent without an address does not count.
        #expect(segments.map { "\($0.segment) \($0.customers) \($0.lifetimeValueMinor) \($0.spendMinor) \($0.emailConsented) \($0.smsConsented)" }
            == ["at_risk 2 50100 9500 1 0", "champions 1 30000 2500 0 1"])
        #expect(abs(segments[0].meanProbabilityAlive - 0.3) < 1e-12 && abs(segments[1].meanProbabilityAlive - 0.9) < 1e-12)
    }
}
