import Foundation

/// How the risk service scores and proposes.
public struct RiskServiceOptions: Sendable, Hashable {
    /// Days of history a shop's feature state is warmed from on first use (the longest feature
    /// window is 90 days: the customer refund rate).
    public var retentionDays: Int = 90
    /// How often (seconds) a shop's champion risk model is looked up again in the registry.
    public var championCheckSeconds: Double = 10
    /// How long (seconds) after its receipt a logged event may still become visible to readers (its
    /// ingest transaction still committing on another replica, with a lower sequence than events
    /// already committed): the catch-up cursor stays behind events this young and re-reads them
    /// (see `RiskService.catchUp`).
    public var catchUpSettleSeconds: Double = 5
    /// Age (seconds) after which a shop's state is replayed from the log again on its next use. A
    /// customer redaction handled by another replica scrubs the log but not this process's memory:
    /// the replay bounds how long a replica keeps the customer's keys (Shopify allows 30 days).
    public var rewarmSeconds: Double = 86_400
    /// Most events one catch-up reads (the rest is read before the next scoring).
    public var catchUpLimit: Int = 2_000
    /// Propose `orderRiskAssessmentCreate` for scored orders (needs an `ApprovalService`).
    public var propose: Bool = true
    /// The proposer's name on proposals and in the audit trail.
    public var proposer: String = "order-risk"

    public init(retentionDays: Int = 90, championCheckSeconds: Double = 10, propose: Bool = true, proposer: String = "order-risk") {
        self.retentionDays = retentionDays; self.championCheckSeconds = championCheckSeconds; self.propose = propose
        self.proposer = proposer
    }
}
