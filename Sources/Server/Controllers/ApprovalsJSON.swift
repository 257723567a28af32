import Foundation
import Hummingbird
import NIOCore
import Pipeline
import ShopifyAdmin
import Storage

/// JSON views of the approval queue and the audit trail. Keys are spelled out in snake_case
/// (no key strategy), so payloads, which are Shopify's camelCase arguments, pass through unchanged.
enum ApprovalsJSON {
    /// Sorted keys, ISO 8601 instants, keys as written.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder().encode(value))))
    }

    /// Stored JSON text as a value; text that is not JSON (an old error string) stays a string.
    static func value(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return (try? JSONValue.parse(Data(text.utf8))) ?? .string(text)
    }

    struct List: Encodable, Sendable {
        var items: [ProposalView]
        var total: Int
        var counts: [String: Int]
        var limit: Int
        var offset: Int
    }

    /// The execution side of a proposal: attempts, lease, next try, outcome.
    struct ExecutionView: Encodable, Sendable {
        var attempts: Int
        var nextAttemptAt: Date?
        var leaseExpiresAt: Date?
        var executedAt: Date?
        var outcome: JSONValue?
        var lastError: String?

        enum CodingKeys: String, CodingKey {
            case attempts, outcome
            case nextAttemptAt = "next_attempt_at", leaseExpiresAt = "lease_expires_at", executedAt = "executed_at", lastError = "last_error"
        }
    }

    /// Who decided and why.
    struct DecisionView: Encodable, Sendable {
        var by: String
        var at: Date?
        var reason: String?
    }

    struct ProposalView: Encodable, Sendable {
        var id: Int64
        var type: String
        var title: String
        var status: String
        var targetType: String
        var targetID: String
        /// The payload that executes (the edited one after an edit), and the proposed one when edited.
        var payload: JSONValue?
        var proposedPayload: JSONValue?
        var payloadHash: String
        var modelKind: String?
        var modelVersion: Int?
        var confidence: Double?
        var reason: String
        var proposedBy: String
        var amountMinor: Int64?
        var currency: String?
        var verdict: String
        var policyRule: String
        var decision: DecisionView?
        var execution: ExecutionView
        var expiresAt: Date
        var createdAt: Date
        var updatedAt: Date
        /// Only on the single-proposal read.
        var audit: [AuditView]?

        init(_ p: ActionProposal, audit: [AuditEntry]? = nil) {
            id = p.id
            type = p.draft.actionType
            title = ActionType(rawValue: p.draft.actionType)?.title ?? p.draft.actionType
            status = p.status.rawValue
            targetType = p.draft.targetType
            targetID = p.draft.targetID
            payload = ApprovalsJSON.value(p.effectivePayload)
            proposedPayload = p.editedPayload == nil ? nil : ApprovalsJSON.value(p.draft.payload)
            payloadHash = p.effectivePayloadHash
            modelKind = p.draft.modelKind
            modelVersion = p.draft.modelVersion
            confidence = p.draft.confidence
            reason = p.draft.reason
            proposedBy = p.draft.proposedBy
            amountMinor = p.draft.amountMinor
            currency = p.draft.currency
            verdict = p.verdict.rawValue
            policyRule = p.policyRule
            decision = p.decidedBy.map { DecisionView(by: $0, at: p.decidedAt, reason: p.decisionReason) }
            execution = ExecutionView(attempts: p.attempts, nextAttemptAt: p.nextAttemptAt, leaseExpiresAt: p.leaseExpiresAt,
                                      executedAt: p.executedAt, outcome: ApprovalsJSON.value(p.outcome), lastError: p.lastError)
            expiresAt = p.draft.expiresAt
            createdAt = p.createdAt
            updatedAt = p.updatedAt
            self.audit = audit?.map(AuditView.init)
        }

        enum CodingKeys: String, CodingKey {
            case id, type, title, status, payload, confidence, reason, currency, verdict, decision, execution, audit
            case targetType = "target_type", targetID = "target_id", proposedPayload = "proposed_payload", payloadHash = "payload_hash"
            case modelKind = "model_kind", modelVersion = "model_version", proposedBy = "proposed_by", amountMinor = "amount_minor"
            case policyRule = "policy_rule", expiresAt = "expires_at", createdAt = "created_at", updatedAt = "updated_at"
        }
    }

    struct AuditView: Encodable, Sendable {
        var sequence: Int64
        var at: Date
        var actorType: String
        var actorID: String
        var action: String
        var targetType: String
        var targetID: String
        var proposalID: Int64?
        var modelKind: String?
        var modelVersion: Int?
        var decision: String?
        var reason: String?
        var oldValue: JSONValue?
        var newValue: JSONValue?
        var outcome: JSONValue?
        var source: String
        var correlationID: String?
        var payloadHash: String?
        var previousHash: String
        var hash: String

        init(_ row: AuditEntry) {
            let e = row.entry
            sequence = row.sequence; at = e.at; actorType = e.actorType.rawValue; actorID = e.actorID; action = e.action
            targetType = e.targetType; targetID = e.targetID; proposalID = e.proposalID; modelKind = e.modelKind
            modelVersion = e.modelVersion; decision = e.decision; reason = e.reason; oldValue = ApprovalsJSON.value(e.oldValue)
            newValue = ApprovalsJSON.value(e.newValue); outcome = ApprovalsJSON.value(e.outcome); source = e.source
            correlationID = e.correlationID; payloadHash = e.payloadHash; previousHash = row.previousHash; hash = row.hash
        }

        enum CodingKeys: String, CodingKey {
            case sequence, at, action, decision, reason, outcome, source, hash
            case actorType = "actor_type", actorID = "actor_id", targetType = "target_type", targetID = "target_id"
            case proposalID = "proposal_id", modelKind = "model_kind", modelVersion = "model_version", oldValue = "old_value"
            case newValue = "new_value", correlationID = "correlation_id", payloadHash = "payload_hash", previousHash = "previous_hash"
        }
    }

    struct AuditList: Encodable, Sendable {
        var items: [AuditView]
        /// The sequence to pass as `after` for the next page (the last row's), or the given `after`.
        var next: Int64
    }

    struct VerifyView: Encodable, Sendable {
        struct ProblemView: Encodable, Sendable {
            var sequence: Int64
            var kind: String
            var detail: String
        }

        var intact: Bool
        var rows: Int
        var headSequence: Int64
        var headHash: String
        var problems: [ProblemView]

        init(_ v: AuditVerification) {
            intact = v.isIntact; rows = v.rows; headSequence = v.headSequence; headHash = v.headHash
            problems = v.problems.map { ProblemView(sequence: $0.sequence, kind: $0.kind, detail: $0.detail) }
        }

        enum CodingKeys: String, CodingKey {
            case intact, rows, problems
            case headSequence = "head_sequence", headHash = "head_hash"
        }
    }

    // MARK: - Request bodies

    struct Target: Decodable, Sendable {
        var type: String
        var id: String
    }

    /// `POST /api/v1/approvals`.
    struct CreateBody: Decodable, Sendable {
        var type: String
        var target: Target
        var payload: JSONValue
        var reason: String
        var confidence: Double?
        var dedupeKey: String?
        var expiresInSeconds: Double?
        var actor: String?

        enum CodingKeys: String, CodingKey {
            case type, target, payload, reason, confidence, actor
            case dedupeKey = "dedupe_key", expiresInSeconds = "expires_in_seconds"
        }
    }

    /// approve `{reason?, actor?}`, reject `{reason, actor?}`.
    struct DecisionBody: Decodable, Sendable {
        var reason: String?
        var actor: String?
    }

    /// edit `{payload, reason?, actor?}`.
    struct EditBody: Decodable, Sendable {
        var payload: JSONValue
        var reason: String?
        var actor: String?
    }
}
