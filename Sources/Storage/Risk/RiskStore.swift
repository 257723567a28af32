import Commerce
import Foundation

/// Risk scoring's storage: assessments of orders and POS actions, trained risk models, and the
/// fraud labels (chargebacks, fraud cancellations, fraud tags) with the time each became known.
public protocol RiskStore: Sendable {
    /// Inserts or replaces the assessment of (shop, subject kind, subject id): the newest scoring wins.
    func saveRiskAssessment(_ record: RiskAssessmentRecord) async throws
    /// Several at once, in one transaction (the scoring service's batched writes).
    func saveRiskAssessments(_ records: [RiskAssessmentRecord]) async throws
    func riskAssessment(shopID: Int64, subjectKind: RiskSubjectKind, subjectID: Int64) async throws -> RiskAssessmentRecord?
    /// Assessments at `minimumLevel` or above (by `RiskAssessmentRecord.levelRank`), newest first,
    /// scored at or after `since` when given.
    func flaggedRiskAssessments(shopID: Int64, minimumLevel: String, since: Date?, limit: Int) async throws -> [RiskAssessmentRecord]

    /// Stores a trained model's bytes; the record carries its id (`risk-model:<id>`) and SHA-256.
    func saveRiskModel(shopID: Int64, model: Data, summary: [String: Double], at: Date) async throws -> RiskModelRecord
    func riskModel(shopID: Int64, id: Int64) async throws -> RiskModelRecord?

    /// The shop's disputes (projected from disputes/* events), oldest first.
    func disputes(shopID: Int64) async throws -> [Dispute]
    /// One label per order that is known to be fraud, with the earliest time it became known:
    /// a fraud chargeback (at `initiatedAt`), a cancellation with reason "fraud" (at `cancelledAt`),
    /// a `fraud` or `chargeback` tag (at the order's `updatedAt`). Ordered by order id.
    func riskLabels(shopID: Int64) async throws -> [RiskLabel]
    /// The events a risk replay reads (orders/*, refunds/create, disputes/*), in arrival order,
    /// with sequence greater than `after`, received at or after `receivedSince` when given.
    func riskEvents(shopID: Int64, after: Int64, receivedSince: Date?, limit: Int) async throws -> [StoredEvent]
}

extension RiskStore {
    /// Every risk event after `after`.
    public func riskEvents(shopID: Int64, after: Int64, limit: Int) async throws -> [StoredEvent] {
        try await riskEvents(shopID: shopID, after: after, receivedSince: nil, limit: limit)
    }
}

/// What a risk assessment is about.
public enum RiskSubjectKind: String, Sendable, Hashable, Codable, CaseIterable {
    case order
    case refund
    case giftCard = "gift_card"
    case discountOverride = "discount_override"
}

/// Where a fraud label came from.
public enum RiskLabelSource: String, Sendable, Hashable, Codable, CaseIterable {
    case chargeback
    case fraudCancellation = "fraud_cancellation"
    case tag
    /// A refund whose note says fraud (a merchant refunding a fraudulent order before the chargeback).
    case refund
}

/// An order known to be fraud, and since when.
public struct RiskLabel: Sendable, Hashable, Codable {
    public var orderID: Int64
    /// When the label became known (training with a label delay only sees labels known by then).
    public var knownAt: Date
    public var source: RiskLabelSource

    public init(orderID: Int64, knownAt: Date, source: RiskLabelSource) {
        self.orderID = orderID; self.knownAt = knownAt; self.source = source
    }
}
