import Foundation
import GRDB

/// The approval queue in `action_proposals` (v8).
///
/// Every state change is one write transaction that also appends its audit row (through
/// `appendAudit(_:_:)`), so a change and its audit row are committed or refused together. SQLite
/// serializes writers: a status check (pending, lease token) and the update it guards cannot be
/// split by another writer, so two claimers of one execution never both win.
extension SQLiteStore: ApprovalStore {
    public func createProposal(_ draft: ProposalDraft, verdict: PolicyVerdict, rule: String, audit: AuditEntryDraft, at: Date)
        async throws -> (proposal: ActionProposal, created: Bool) {
        try await writer.write { db in
            try Self.requireShop(db, draft.shopID)
            if let key = draft.dedupeKey, let existing = try Self.fetchProposals(db, """
                WHERE shop_id = ? AND dedupe_key = ? AND status IN ('pending', 'approved', 'executing') ORDER BY id LIMIT 1
                """, [draft.shopID, key]).first {
                return (existing, false)
            }
            let now = at.storageMilliseconds
            let status: ProposalStatus = switch verdict {
            case .autoApprove: .approved
            case .requirePerson: .pending
            case .reject: .rejected
            }
            // A policy's verdict is a decision: by the rule, at creation.
            let decidedBy: String? = verdict == .requirePerson ? nil : "policy:\(rule)"
            let decidedAt: Int64? = verdict == .requirePerson ? nil : now
            let id = try Int64.fetchOne(db.cachedStatement(sql: """
                INSERT INTO action_proposals (shop_id, action_type, target_type, target_id, payload, payload_hash, model_kind,
                    model_version, confidence, reason, proposed_by, dedupe_key, amount_minor, currency, expires_at, status,
                    verdict, policy_rule, decided_by, decided_at, attempts, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id
                """), arguments: [
                    draft.shopID, draft.actionType, draft.targetType, draft.targetID, draft.payload, draft.payloadHash,
                    draft.modelKind, draft.modelVersion, draft.confidence, draft.reason, draft.proposedBy, draft.dedupeKey,
                    draft.amountMinor, draft.currency, draft.expiresAt.storageMilliseconds, status.rawValue, verdict.rawValue,
                    rule, decidedBy, decidedAt, now, now,
                ]) ?? 0
            try Self.appendProposalAudit(db, audit, proposalID: id, shopID: draft.shopID)
            return (try Self.requireProposal(db, id: id, shopID: draft.shopID), true)
        }
    }

    public func decideProposal(id: Int64, shopID: Int64, _ decision: ProposalDecision, by: String, reason: String?,
                               audit: AuditEntryDraft, at: Date) async throws -> ActionProposal {
        try await writer.write { db in
            let proposal = try Self.requireProposal(db, id: id, shopID: shopID)
            guard proposal.status == .pending else {
                throw StorageError.proposalNotPending(id: id, status: proposal.status.rawValue)
            }
            let status: ProposalStatus
            var editedPayload: String?
            var editedPayloadHash: String?
            switch decision {
            case .approve: status = .approved
            case .edit(let payload, let payloadHash):
                status = .approved
                editedPayload = payload
                editedPayloadHash = payloadHash
            case .reject: status = .rejected
            case .expire: status = .expired
            }
            let now = at.storageMilliseconds
            try db.cachedStatement(sql: """
                UPDATE action_proposals SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?,
                    edited_payload = coalesce(?, edited_payload), edited_payload_hash = coalesce(?, edited_payload_hash),
                    updated_at = ?
                WHERE id = ? AND status = 'pending'
                """).execute(arguments: [status.rawValue, by, now, reason, editedPayload, editedPayloadHash, now, id])
            try Self.appendProposalAudit(db, audit, proposalID: id, shopID: shopID)
            return try Self.requireProposal(db, id: id, shopID: shopID)
        }
    }

    public func expiredPendingProposals(now: Date, limit: Int) async throws -> [ActionProposal] {
        try await writer.read { db in
            try Self.fetchProposals(db, "WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?",
                                    [now.storageMilliseconds, max(0, limit)])
        }
    }

    public func claimExecution(shopID: Int64?, now: Date, leaseSeconds: Double) async throws -> (ActionProposal, ExecutionLease)? {
        try await writer.write { db in
            let shopClause = shopID == nil ? "" : "AND shop_id = ?"
            let nowMilliseconds = now.storageMilliseconds
            // Approved and executing rows are few (the queue drains them), so ordering them by due
            // time after the `action_proposals_due` lookup costs little.
            let id = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT id FROM action_proposals
                WHERE ((status = 'approved' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
                    OR (status = 'executing' AND lease_expires_at <= ?)) \(shopClause)
                ORDER BY coalesce(next_attempt_at, decided_at, created_at), id LIMIT 1
                """), arguments: [nowMilliseconds, nowMilliseconds] + (shopID.map { [$0] } ?? []))
            guard let id else { return nil }
            return try Self.lease(db, id: id, now: now, leaseSeconds: leaseSeconds)
        }
    }

    public func claimExecution(proposalID: Int64, now: Date, leaseSeconds: Double) async throws -> (ActionProposal, ExecutionLease)? {
        try await writer.write { db in
            let nowMilliseconds = now.storageMilliseconds
            let due = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM action_proposals WHERE id = ? AND (
                    (status = 'approved' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
                    OR (status = 'executing' AND lease_expires_at <= ?)))
                """), arguments: [proposalID, nowMilliseconds, nowMilliseconds]) ?? false
            guard due else { return nil }
            return try Self.lease(db, id: proposalID, now: now, leaseSeconds: leaseSeconds)
        }
    }

    public func completeExecution(_ lease: ExecutionLease, outcome: String, audit: AuditEntryDraft, at: Date) async throws -> Bool {
        try await writer.write { db in
            let now = at.storageMilliseconds
            try db.cachedStatement(sql: """
                UPDATE action_proposals SET status = 'executed', outcome = ?, executed_at = ?, lease_token = NULL,
                    lease_expires_at = NULL, next_attempt_at = NULL, updated_at = ?
                WHERE id = ? AND lease_token = ? AND status = 'executing'
                """).execute(arguments: [outcome, now, now, lease.proposalID, lease.token])
            guard db.changesCount > 0 else { return false }
            let shopID = try Int64.fetchOne(db, sql: "SELECT shop_id FROM action_proposals WHERE id = ?",
                                            arguments: [lease.proposalID]) ?? audit.shopID
            try Self.appendProposalAudit(db, audit, proposalID: lease.proposalID, shopID: shopID)
            return true
        }
    }

    public func failExecution(_ lease: ExecutionLease, error: String, retryAt: Date?, audit: AuditEntryDraft, at: Date)
        async throws -> ActionProposal? {
        try await writer.write { db in
            let now = at.storageMilliseconds
            if let retryAt {
                try db.cachedStatement(sql: """
                    UPDATE action_proposals SET status = 'approved', last_error = ?, next_attempt_at = ?, lease_token = NULL,
                        lease_expires_at = NULL, updated_at = ?
                    WHERE id = ? AND lease_token = ? AND status = 'executing'
                    """).execute(arguments: [error, retryAt.storageMilliseconds, now, lease.proposalID, lease.token])
            } else {
                try db.cachedStatement(sql: """
                    UPDATE action_proposals SET status = 'failed', last_error = ?, next_attempt_at = NULL, lease_token = NULL,
                        lease_expires_at = NULL, updated_at = ?
                    WHERE id = ? AND lease_token = ? AND status = 'executing'
                    """).execute(arguments: [error, now, lease.proposalID, lease.token])
            }
            guard db.changesCount > 0,
                  let proposal = try Self.fetchProposals(db, "WHERE id = ?", [lease.proposalID]).first else { return nil }
            try Self.appendProposalAudit(db, audit, proposalID: proposal.id, shopID: proposal.draft.shopID)
            return proposal
        }
    }

    public func proposal(id: Int64, shopID: Int64) async throws -> ActionProposal? {
        try await writer.read { db in
            try Self.fetchProposals(db, "WHERE id = ? AND shop_id = ?", [id, shopID]).first
        }
    }

    public func proposals(shopID: Int64, query: ProposalQuery) async throws -> (rows: [ActionProposal], total: Int) {
        var clauses = ["shop_id = ?"]
        var arguments: StatementArguments = [shopID]
        if let statuses = query.statuses {
            guard !statuses.isEmpty else { return ([], 0) }
            clauses.append("status IN (" + Array(repeating: "?", count: statuses.count).joined(separator: ", ") + ")")
            arguments += StatementArguments(statuses.map(\.rawValue))
        }
        if let actionType = query.actionType {
            clauses.append("action_type = ?")
            arguments += [actionType]
        }
        let whereClause = "WHERE " + clauses.joined(separator: " AND ")
        return try await writer.read { [arguments] db in
            let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM action_proposals \(whereClause)"),
                                         arguments: arguments) ?? 0
            let rows = try Self.fetchProposals(db, "\(whereClause) ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                                               arguments + [max(0, query.limit), max(0, query.offset)])
            return (rows, total)
        }
    }

    public func proposalCounts(shopID: Int64) async throws -> [ProposalStatus: Int] {
        try await writer.read { db in
            var counts = Dictionary(uniqueKeysWithValues: ProposalStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT status, count(*) FROM action_proposals WHERE shop_id = ? GROUP BY status
                """), arguments: [shopID]) {
                if let status = ProposalStatus(rawValue: row[0]) { counts[status] = row[1] }
            }
            return counts
        }
    }

    // MARK: Inside a transaction

    /// Takes the execution lease of a due proposal: executing, a fresh random token, one more attempt.
    private static func lease(_ db: Database, id: Int64, now: Date, leaseSeconds: Double) throws -> (ActionProposal, ExecutionLease)? {
        let nowMilliseconds = now.storageMilliseconds
        let token = UUID().uuidString
        try db.cachedStatement(sql: """
            UPDATE action_proposals SET status = 'executing', attempts = attempts + 1, lease_token = ?, lease_expires_at = ?,
                updated_at = ?
            WHERE id = ?
            """).execute(arguments: [token, nowMilliseconds + Int64((leaseSeconds * 1000).rounded()), nowMilliseconds, id])
        guard let proposal = try fetchProposals(db, "WHERE id = ?", [id]).first else { return nil }
        return (proposal, ExecutionLease(proposalID: id, token: token, attempt: proposal.attempts))
    }

    /// Appends a proposal's audit row: its `proposalID` and `shopID` are the proposal's, whatever
    /// the caller filled in, so the row lands in the proposal's chain.
    private static func appendProposalAudit(_ db: Database, _ audit: AuditEntryDraft, proposalID: Int64, shopID: Int64) throws {
        var entry = audit
        entry.proposalID = proposalID
        entry.shopID = shopID
        try appendAudit(db, entry)
    }

    private static func requireProposal(_ db: Database, id: Int64, shopID: Int64) throws -> ActionProposal {
        guard let proposal = try fetchProposals(db, "WHERE id = ? AND shop_id = ?", [id, shopID]).first else {
            throw StorageError.unknownProposal(id: id)
        }
        return proposal
    }

    static func fetchProposals(_ db: Database, _ clause: String, _ arguments: StatementArguments) throws -> [ActionProposal] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM action_proposals \(clause)"), arguments: arguments).map { row in
            let epoch = Date(timeIntervalSince1970: 0)
            let draft = ProposalDraft(
                shopID: row["shop_id"], actionType: row["action_type"], targetType: row["target_type"], targetID: row["target_id"],
                payload: row["payload"], payloadHash: row["payload_hash"], modelKind: row["model_kind"],
                modelVersion: row["model_version"], confidence: row["confidence"], reason: row["reason"],
                proposedBy: row["proposed_by"], dedupeKey: row["dedupe_key"], amountMinor: row["amount_minor"],
                currency: row["currency"], expiresAt: row.date("expires_at") ?? epoch)
            return ActionProposal(
                id: row["id"], draft: draft, status: ProposalStatus(rawValue: row["status"]) ?? .failed,
                verdict: PolicyVerdict(rawValue: row["verdict"]) ?? .requirePerson, policyRule: row["policy_rule"],
                decidedBy: row["decided_by"], decidedAt: row.date("decided_at"), decisionReason: row["decision_reason"],
                editedPayload: row["edited_payload"], editedPayloadHash: row["edited_payload_hash"], attempts: row["attempts"],
                leaseToken: row["lease_token"], leaseExpiresAt: row.date("lease_expires_at"),
                nextAttemptAt: row.date("next_attempt_at"), outcome: row["outcome"], lastError: row["last_error"],
                executedAt: row.date("executed_at"), createdAt: row.date("created_at") ?? epoch,
                updatedAt: row.date("updated_at") ?? epoch)
        }
    }
}
