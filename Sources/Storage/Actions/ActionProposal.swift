import Foundation

/// Where a proposed action stands. Moves only forward:
/// pending → approved | rejected | expired; approved → executing → executed | failed
/// (a failed attempt with retries left goes back to approved with a later `nextAttemptAt`).
public enum ProposalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case approved
    case rejected
    case expired
    case executing
    case executed
    case failed
}

/// What a policy said about a new proposal.
public enum PolicyVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    case autoApprove = "auto-approve"
    case requirePerson = "require-person"
    case reject
}

/// A proposal to change something in (or outside) the store, as a proposer hands it over.
public struct ProposalDraft: Sendable, Hashable, Codable {
    public var shopID: Int64
    /// `ActionType.rawValue` ("order-risk-assessment", "purchase-order", "metafields", "customer-tags",
    /// "draft-order", "discount-code", "message").
    public var actionType: String
    /// What it changes: ("order", "gid://shopify/Order/1"), ("customer", …), ("vendor", "Acme") …
    public var targetType: String
    public var targetID: String
    /// The action's arguments as canonical JSON text (sorted keys), and its SHA-256 (hex).
    public var payload: String
    public var payloadHash: String
    /// The model that proposed it, when a model did.
    public var modelKind: String?
    public var modelVersion: Int?
    /// 0…1, when the proposer has one.
    public var confidence: Double?
    /// Why, in words a merchant reads ("Churn risk 82 %: last order 140 days ago").
    public var reason: String
    /// The proposer's name ("customer-segments", "replenishment", "api", …).
    public var proposedBy: String
    /// While a proposal with this key is pending, approved or executing, proposing again returns it.
    public var dedupeKey: String?
    /// Money at stake, when there is any (PO total, discount value), for policies and the inbox.
    public var amountMinor: Int64?
    public var currency: String?
    public var expiresAt: Date

    public init(shopID: Int64, actionType: String, targetType: String, targetID: String, payload: String, payloadHash: String,
                modelKind: String? = nil, modelVersion: Int? = nil, confidence: Double? = nil, reason: String, proposedBy: String,
                dedupeKey: String? = nil, amountMinor: Int64? = nil, currency: String? = nil, expiresAt: Date) {
        self.shopID = shopID; self.actionType = actionType; self.targetType = targetType; self.targetID = targetID
        self.payload = payload; self.payloadHash = payloadHash; self.modelKind = modelKind; self.modelVersion = modelVersion
        self.confidence = confidence; self.reason = reason; self.proposedBy = proposedBy; self.dedupeKey = dedupeKey
        self.amountMinor = amountMinor; self.currency = currency; self.expiresAt = expiresAt
    }
}

/// A stored proposal with its decision and execution state.
public struct ActionProposal: Sendable, Hashable, Codable {
    public var id: Int64
    public var draft: ProposalDraft
    public var status: ProposalStatus
    /// The policy's verdict and the name of the rule that gave it.
    public var verdict: PolicyVerdict
    public var policyRule: String
    /// Who decided ("policy:low-risk", "user:ana@shop", "system:expiry") and when, and why.
    public var decidedBy: String?
    public var decidedAt: Date?
    public var decisionReason: String?
    /// Set by an edit: the payload that runs instead of `draft.payload`.
    public var editedPayload: String?
    public var editedPayloadHash: String?
    /// Execution: attempts so far, the current lease, when the next attempt is due.
    public var attempts: Int
    public var leaseToken: String?
    public var leaseExpiresAt: Date?
    public var nextAttemptAt: Date?
    /// What Shopify (or the exporter) answered, as JSON text, once executed; the last error otherwise.
    public var outcome: String?
    public var lastError: String?
    public var executedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// The payload that executes: the edited one when a person edited it.
    public var effectivePayload: String { editedPayload ?? draft.payload }
    public var effectivePayloadHash: String { editedPayloadHash ?? draft.payloadHash }

    public init(id: Int64, draft: ProposalDraft, status: ProposalStatus, verdict: PolicyVerdict, policyRule: String,
                decidedBy: String? = nil, decidedAt: Date? = nil, decisionReason: String? = nil, editedPayload: String? = nil,
                editedPayloadHash: String? = nil, attempts: Int = 0, leaseToken: String? = nil, leaseExpiresAt: Date? = nil,
                nextAttemptAt: Date? = nil, outcome: String? = nil, lastError: String? = nil, executedAt: Date? = nil,
                createdAt: Date, updatedAt: Date) {
        self.id = id; self.draft = draft; self.status = status; self.verdict = verdict; self.policyRule = policyRule
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.decisionReason = decisionReason
        self.editedPayload = editedPayload; self.editedPayloadHash = editedPayloadHash; self.attempts = attempts
        self.leaseToken = leaseToken; self.leaseExpiresAt = leaseExpiresAt; self.nextAttemptAt = nextAttemptAt
        self.outcome = outcome; self.lastError = lastError; self.executedAt = executedAt; self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A person's (or the expiry sweep's) decision on a pending proposal.
public enum ProposalDecision: Sendable, Hashable {
    case approve
    /// Approve with a changed payload (canonical JSON text and its SHA-256).
    case edit(payload: String, payloadHash: String)
    case reject
    case expire
}

/// A held execution lease: only its holder may complete or fail the execution.
public struct ExecutionLease: Sendable, Hashable, Codable {
    public var proposalID: Int64
    public var token: String
    /// 1 for the first attempt. An attempt > 1 may follow a crash after Shopify applied the change,
    /// so executors check for the change before sending a non-idempotent mutation again.
    public var attempt: Int

    public init(proposalID: Int64, token: String, attempt: Int) {
        self.proposalID = proposalID; self.token = token; self.attempt = attempt
    }
}

/// Which proposals to list.
public struct ProposalQuery: Sendable, Hashable {
    public var statuses: [ProposalStatus]?
    public var actionType: String?
    public var limit: Int
    public var offset: Int

    public init(statuses: [ProposalStatus]? = nil, actionType: String? = nil, limit: Int = 50, offset: Int = 0) {
        self.statuses = statuses; self.actionType = actionType; self.limit = limit; self.offset = offset
    }
}
