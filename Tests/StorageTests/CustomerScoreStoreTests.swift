import Commerce
import Foundation
import Storage
import Testing

/// Scoring runs and scores on a real SQLite file: replacement per run, retention, filters,
/// sorting, paging, CLV bands, and the cascade from the shop.
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

    func store() async throws -> (SQLiteStore, Int64, URL) {
        let (store, directory) = try SQLiteStore.temporary()
        let shop = try await store.createShop(Shop(domain: "scores.myshopify.com", name: "Scores", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        return (store, shop.id, directory)
    }

    @Test func runsRoundTripAndScoresAreReplacedPerRun() async throws {
        let (store, shopID, directory) = try await store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 2)
        #expect(try await store.latestCustomerValueRun(shopID: shopID) == first)
        #expect(first.seconds == 1.235 && first.holdout?.actualPurchases == 4 && first.parameters["alpha"] == 4.414)
        let second = try await store.saveCustomerScores(Self.run(shopID, eventCount: 9), scores: Array(rows.prefix(2)), keepRuns: 2)
        let third = try await store.saveCustomerScores(Self.run(shopID, eventCount: 12), scores: Array(rows.prefix(3)), keepRuns: 2)
        #expect(try await store.customerValueRuns(shopID: shopID, limit: 10).map(\.id) == [third.id, second.id])
        let (all, total) = try await store.customerScores(shopID: shopID, query: CustomerScoreQuery())
        #expect(total == 3 && all.allSatisfy { $0.runID == third.id })
        #expect(try await store.customerScore(shopID: shopID, customerID: 4) == nil)
        #expect(try await store.customerScore(shopID: shopID, customerID: 2)?.segment == "at_risk")
    }

    @Test func filtersSortsAndPages() async throws {
        let (store, shopID, directory) = try await store()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 5)
        func ids(_ query: CustomerScoreQuery) async throws -> ([Int64], Int) {
            let (page, total) = try await store.customerScores(shopID: shopID, query: query)
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
        #expect(try await store.valueDistribution(shopID: shopID, bounds: [10_000, 1_000, 40_000]) == [1, 1, 1, 1])
        let segments = try await store.segmentSummaries(shopID: shopID)
        #expect(segments.map(\.segment) == ["champions", "at_risk", "hibernating"])
        let atRisk = try #require(segments.first { $0.segment == "at_risk" })
        #expect(atRisk.customers == 2 && atRisk.lifetimeValueMinor == 35_000 && atRisk.spendMinor == 100_000)
        #expect(abs(atRisk.meanProbabilityAlive - 0.35) < 1e-12)
    }

    @Test func shopRedactDeletesRunsAndScores() async throws {
        let (store, shopID, directory) = try await store()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await store.saveCustomerScores(Self.run(shopID), scores: rows, keepRuns: 5)
        try await store.deleteShopData(shopID: shopID)
        #expect(try await store.latestCustomerValueRun(shopID: shopID) == nil)
        #expect(try await store.customerScores(shopID: shopID, query: CustomerScoreQuery()).total == 0)
        await #expect(throws: StorageError.self) { try await store.saveCustomerScores(Self.run(shopID), scores: [], keepRuns: 1) }
    }
}
