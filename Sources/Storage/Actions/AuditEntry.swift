import Foundation

/// Who did something: a person, a model, the policy engine or Storewise itself.
public enum AuditActorType: String, Sendable, Hashable, Codable, CaseIterable {
    case user
    case model
    case policy
    case system
}

/// One audit row before it is chained (mlops.md §5: actor, action, target, model version,
/// old and new value, decision, reason, outcome, plus source and correlation).
public struct AuditEntryDraft: Sendable, Hashable, Codable {
    public var shopID: Int64
    public var at: Date
    public var actorType: AuditActorType
    /// "ana@shop", "customer-value v3", "low-risk-auto", "executor" …
    public var actorID: String
    /// Dotted verb: "proposal.created", "proposal.approved", "proposal.edited", "proposal.rejected",
    /// "proposal.expired", "execution.succeeded", "execution.failed", "model.promoted", "shop.installed" …
    public var action: String
    public var targetType: String
    public var targetID: String
    public var proposalID: Int64?
    public var modelKind: String?
    public var modelVersion: Int?
    /// approve | edit | reject | expire, for decisions.
    public var decision: String?
    public var reason: String?
    /// JSON text (or nil) before and after.
    public var oldValue: String?
    public var newValue: String?
    /// "ok", "error: …", a remote id …
    public var outcome: String?
    /// cli | api | ui | scheduler | webhook | policy | executor
    public var source: String
    public var correlationID: String?
    public var payloadHash: String?

    public init(shopID: Int64, at: Date, actorType: AuditActorType, actorID: String, action: String, targetType: String,
                targetID: String, proposalID: Int64? = nil, modelKind: String? = nil, modelVersion: Int? = nil,
                decision: String? = nil, reason: String? = nil, oldValue: String? = nil, newValue: String? = nil,
                outcome: String? = nil, source: String, correlationID: String? = nil, payloadHash: String? = nil) {
        self.shopID = shopID; self.at = at; self.actorType = actorType; self.actorID = actorID; self.action = action
        self.targetType = targetType; self.targetID = targetID; self.proposalID = proposalID; self.modelKind = modelKind
        self.modelVersion = modelVersion; self.decision = decision; self.reason = reason; self.oldValue = oldValue
        self.newValue = newValue; self.outcome = outcome; self.source = source; self.correlationID = correlationID
        self.payloadHash = payloadHash
    }
}

/// A chained audit row: `hash = SHA-256(previousHash ‖ canonical fields)` (see `AuditChain`).
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1, 2, 3 … per shop, without gaps.
    public var sequence: Int64
    public var entry: AuditEntryDraft
    /// The previous row's hash; `AuditChain.genesis` for the first row.
    public var previousHash: String
    public var hash: String

    public init(sequence: Int64, entry: AuditEntryDraft, previousHash: String, hash: String) {
        self.sequence = sequence; self.entry = entry; self.previousHash = previousHash; self.hash = hash
    }
}

/// What `verifyAudit` found for one shop's chain.
public struct AuditVerification: Sendable, Hashable, Codable {
    public struct Problem: Sendable, Hashable, Codable {
        public var sequence: Int64
        /// "edited" (hash mismatch), "missing" (sequence gap or broken link), "truncated" (head mismatch) …
        public var kind: String
        public var detail: String
        public init(sequence: Int64, kind: String, detail: String) {
            self.sequence = sequence; self.kind = kind; self.detail = detail
        }
    }

    public var shopID: Int64
    public var rows: Int
    public var headSequence: Int64
    public var headHash: String
    public var problems: [Problem]
    public var isIntact: Bool { problems.isEmpty }

    public init(shopID: Int64, rows: Int, headSequence: Int64, headHash: String, problems: [Problem]) {
        self.shopID = shopID; self.rows = rows; self.headSequence = headSequence; self.headHash = headHash; self.problems = problems
    }
}
