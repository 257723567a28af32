import Foundation
import Logging
import PostgresNIO

/// Reading `action_proposals` rows, and the shop check the actions tables share.
extension PostgresStore {
    /// Every column of `action_proposals`, in the order `proposal(from:)` reads them by name.
    static let proposalColumns = """
        id, shop_id, action_type, target_type, target_id, payload, payload_hash, model_kind, model_version, confidence, reason,
        proposed_by, dedupe_key, amount_minor, currency, expires_at, status, verdict, policy_rule, decided_by, decided_at,
        decision_reason, edited_payload, edited_payload_hash, attempts, lease_token, lease_expires_at, next_attempt_at, outcome,
        last_error, executed_at, created_at, updated_at
        """

    /// A proposal from a row that selected (or returned) `proposalColumns`. Unknown status or
    /// verdict texts read as SQLite's store reads them (failed, require-person).
    static func proposal(from row: PostgresRow) throws -> ActionProposal {
        let r = row.makeRandomAccess()
        func date(_ name: String) throws -> Date? { try r[name].decode(Int64?.self).map(Date.init(storageMilliseconds:)) }
        let epoch = Date(timeIntervalSince1970: 0)
        let draft = ProposalDraft(
            shopID: try r["shop_id"].decode(Int64.self), actionType: try r["action_type"].decode(String.self),
            targetType: try r["target_type"].decode(String.self), targetID: try r["target_id"].decode(String.self),
            payload: try r["payload"].decode(String.self), payloadHash: try r["payload_hash"].decode(String.self),
            modelKind: try r["model_kind"].decode(String?.self),
            modelVersion: try r["model_version"].decode(Int64?.self).map { Int(truncatingIfNeeded: $0) },
            confidence: try r["confidence"].decode(Double?.self), reason: try r["reason"].decode(String.self),
            proposedBy: try r["proposed_by"].decode(String.self), dedupeKey: try r["dedupe_key"].decode(String?.self),
            amountMinor: try r["amount_minor"].decode(Int64?.self), currency: try r["currency"].decode(String?.self),
            expiresAt: try date("expires_at") ?? epoch)
        return ActionProposal(
            id: try r["id"].decode(Int64.self), draft: draft,
            status: ProposalStatus(rawValue: try r["status"].decode(String.self)) ?? .failed,
            verdict: PolicyVerdict(rawValue: try r["verdict"].decode(String.self)) ?? .requirePerson,
            policyRule: try r["policy_rule"].decode(String.self), decidedBy: try r["decided_by"].decode(String?.self),
            decidedAt: try date("decided_at"), decisionReason: try r["decision_reason"].decode(String?.self),
            editedPayload: try r["edited_payload"].decode(String?.self),
            editedPayloadHash: try r["edited_payload_hash"].decode(String?.self),
            attempts: Int(truncatingIfNeeded: try r["attempts"].decode(Int64.self)),
            leaseToken: try r["lease_token"].decode(String?.self), leaseExpiresAt: try date("lease_expires_at"),
            nextAttemptAt: try date("next_attempt_at"), outcome: try r["outcome"].decode(String?.self),
            lastError: try r["last_error"].decode(String?.self), executedAt: try date("executed_at"),
            createdAt: try date("created_at") ?? epoch, updatedAt: try date("updated_at") ?? epoch)
    }
}

extension PostgresConnection {
    /// Throws `StorageError.unknownShop` when no shop has this id (what SQLite's `requireShop`
    /// does), so a write names the missing shop instead of failing on a foreign key.
    func ensureShopExists(_ shopID: Int64, logger: Logger) async throws {
        guard try await scalar("SELECT id FROM shops WHERE id = \(shopID)", logger: logger) != nil else {
            throw StorageError.unknownShop(id: shopID)
        }
    }
}
