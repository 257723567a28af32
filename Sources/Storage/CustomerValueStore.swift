import Foundation

/// Customer summaries' inputs, scoring runs, per-customer scores and the reads served from them
/// (profiles for clienteling, segment sizes, consent-aware audience exports).
///
/// A scoring run is saved whole in one transaction: the run row and every customer's score,
/// replacing the previous run's scores, so a reader never sees a half-written base.
///
/// ```swift
/// let orders = try await store.customerOrders(shopID: shop.id)
/// let run = try await store.saveCustomerScores(run, scores: rows)
/// let profile = try await store.customerProfile(shopID: shop.id, customerID: 42)
/// ```
public protocol CustomerValueStore: Sendable {
    /// Every order of the shop as the customer summaries read it (test orders left out), oldest
    /// first, with its refunded amount.
    func customerOrders(shopID: Int64) async throws -> [CustomerOrderRow]
    /// Id, email and phone of every customer, to join guest and POS orders to customers.
    func customerContacts(shopID: Int64) async throws -> [CustomerContact]

    /// Stores a run (its `id` is ignored) and its scores, replacing the shop's previous scores;
    /// keeps the newest `keepRuns` run rows.
    func saveCustomerScores(_ run: CustomerValueRun, scores: [CustomerScoreRow], keepRuns: Int) async throws -> CustomerValueRun
    func latestCustomerValueRun(shopID: Int64) async throws -> CustomerValueRun?
    func customerValueRuns(shopID: Int64, limit: Int) async throws -> [CustomerValueRun]

    /// One customer's score from the latest run.
    func customerScore(shopID: Int64, customerID: Int64) async throws -> CustomerScoreRow?
    /// Scores filtered, sorted and paged; and how many match before paging.
    func customerScores(shopID: Int64, query: CustomerScoreQuery) async throws -> (rows: [CustomerScoreRow], total: Int)
    /// Customers, value and risk per segment of the latest run.
    func segmentSummaries(shopID: Int64) async throws -> [SegmentSummary]
    /// How many customers fall in each CLV band of the latest run (`bounds` in minor units, ascending).
    func valueDistribution(shopID: Int64, bounds: [Int64]) async throws -> [Int]
    /// What a clienteling screen shows: contact and consent, score, favourite product types and the
    /// last purchases online and in store. Nil when the shop has no such customer.
    func customerProfile(shopID: Int64, customerID: Int64) async throws -> CustomerProfile?
    /// Members of `segment` (all segments when nil) whose consent on `channel` allows marketing,
    /// highest CLV first.
    func audience(shopID: Int64, segment: String?, channel: MarketingChannel) async throws -> [AudienceMember]
}
