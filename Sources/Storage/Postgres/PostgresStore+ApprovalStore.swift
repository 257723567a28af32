import Foundation
import Logging
import PostgresNIO

/// The approval queue in `action_proposals`.
///
/// Every state change is one transaction that also appends its audit row (`appendAudit` on the
/// connection, which locks the shop's chain head), as on SQLite. Where SQLite's single writer kept
/// a status check and its update together, here the check is part of the statement that writes:
/// claims pick their row with `FOR UPDATE SKIP LOCKED` (two executors never lease one proposal, and
/// neither waits for the other), completions and failures update only `WHERE lease_token = …`,
/// and a decision locks its proposal (`FOR UPDATE`) before checking that it is still pending.
extension PostgresStore: ApprovalStore {
    public func createProposal(_ draft: ProposalDraft, verdict: PolicyVerdict, rule: String, audit: AuditEntryDraft, at: Date)
        async throws -> (proposal: ActionProposal, created: Bool) {
        try await transaction { connection in
            try await connection.ensureShopExists(draft.shopID, logger: logger)
            let now = at.storageMilliseconds
            let status: ProposalStatus = switch verdict {
            case .autoApprove: .approved
            case .requirePerson: .pending
            case .reject: .rejected
            }
            // A policy's verdict is a decision: by the rule, at creation.
            let decidedBy: String? = verdict == .requirePerson ? nil : "policy:\(rule)"
            let decidedAt: Int64? = verdict == .requirePerson ? nil : now
            // The live proposal with this key, if any, is the answer (whatever the verdict, as on
            // SQLite). The insert below still names the partial unique index: a replica that
            // inserts the same key between this read and that insert makes it do nothing, and the
            // loop reads the winner (each statement sees the newest committed rows). Three rounds
            // cover a winner that is decided away in between; a fourth would be a bug.
            for _ in 0..<3 {
                if let key = draft.dedupeKey, let existing = try await connection.rows("""
                    SELECT \(unescaped: Self.proposalColumns) FROM action_proposals
                    WHERE shop_id = \(draft.shopID) AND dedupe_key = \(key) AND status IN ('pending', 'approved', 'executing')
                    ORDER BY id LIMIT 1
                    """, logger: logger).first {
                    return (try Self.proposal(from: existing), false)
                }
                let inserted = try await connection.rows("""
                    INSERT INTO action_proposals (shop_id, action_type, target_type, target_id, payload, payload_hash, model_kind,
                        model_version, confidence, reason, proposed_by, dedupe_key, amount_minor, currency, expires_at, status,
                        verdict, policy_rule, decided_by, decided_at, attempts, created_at, updated_at)
                    VALUES (\(draft.shopID), \(draft.actionType), \(draft.targetType), \(draft.targetID), \(draft.payload),
                        \(draft.payloadHash), \(draft.modelKind), \(draft.modelVersion.map(Int64.init)), \(draft.confidence),
                        \(draft.reason), \(draft.proposedBy), \(draft.dedupeKey), \(draft.amountMinor), \(draft.currency),
                        \(draft.expiresAt.storageMilliseconds), \(status.rawValue), \(verdict.rawValue), \(rule), \(decidedBy),
                        \(decidedAt), 0, \(now), \(now))
                    ON CONFLICT (shop_id, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'approved', 'executing')
                    DO NOTHING
                    RETURNING \(unescaped: Self.proposalColumns)
                    """, logger: logger)
                guard let row = inserted.first else { continue }
                let proposal = try Self.proposal(from: row)
                try await connection.appendProposalAudit(audit, proposalID: proposal.id, shopID: draft.shopID, logger: logger)
                return (proposal, true)
            }
            throw PostgresStoreError("createProposal: the dedupe key '\(draft.dedupeKey ?? "")' of shop \(draft.shopID) "
                                     + "kept conflicting without a live proposal holding it")
        }
    }

    public func decideProposal(id: Int64, shopID: Int64, _ decision: ProposalDecision, by: String, reason: String?,
                               audit: AuditEntryDraft, at: Date) async throws -> ActionProposal {
        try await transaction { connection in
            // Locked until commit: a concurrent decision or claim waits, then sees this one's result.
            guard let row = try await connection.rows("""
                SELECT \(unescaped: Self.proposalColumns) FROM action_proposals WHERE id = \(id) AND shop_id = \(shopID) FOR UPDATE
                """, logger: logger).first else {
                throw StorageError.unknownProposal(id: id)
            }
            let proposal = try Self.proposal(from: row)
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
            guard let updated = try await connection.rows("""
                UPDATE action_proposals SET status = \(status.rawValue), decided_by = \(by), decided_at = \(now),
                    decision_reason = \(reason), edited_payload = coalesce(\(editedPayload), edited_payload),
                    edited_payload_hash = coalesce(\(editedPayloadHash), edited_payload_hash), updated_at = \(now)
                WHERE id = \(id) AND status = 'pending'
                RETURNING \(unescaped: Self.proposalColumns)
                """, logger: logger).first else {
                throw StorageError.unknownProposal(id: id)
            }
            try await connection.appendProposalAudit(audit, proposalID: id, shopID: shopID, logger: logger)
            return try Self.proposal(from: updated)
        }
    }

    public func expiredPendingProposals(now: Date, limit: Int) async throws -> [ActionProposal] {
        try await rows("""
            SELECT \(unescaped: Self.proposalColumns) FROM action_proposals
            WHERE status = 'pending' AND expires_at <= \(now.storageMilliseconds) ORDER BY expires_at, id LIMIT \(max(0, limit))
            """).map(Self.proposal(from:))
    }

    public func claimExecution(shopID: Int64?, now: Date, leaseSeconds: Double) async throws -> (ActionProposal, ExecutionLease)? {
        try await lease(shopID: shopID, proposalID: nil, now: now, leaseSeconds: leaseSeconds)
    }

    public func claimExecution(proposalID: Int64, now: Date, leaseSeconds: Double) async throws -> (ActionProposal, ExecutionLease)? {
        try await lease(shopID: nil, proposalID: proposalID, now: now, leaseSeconds: leaseSeconds)
    }

    public func completeExecution(_ lease: ExecutionLease, outcome: String, audit: AuditEntryDraft, at: Date) async throws -> Bool {
        try await transaction { connection in
            let now = at.storageMilliseconds
            // Only the lease's holder writes: a lapsed lease re-claimed by another executor has a new token.
            guard let shopID = try await connection.scalar("""
                UPDATE action_proposals SET status = 'executed', outcome = \(outcome), executed_at = \(now), lease_token = NULL,
                    lease_expires_at = NULL, next_attempt_at = NULL, updated_at = \(now)
                WHERE id = \(lease.proposalID) AND lease_token = \(lease.token) AND status = 'executing'
                RETURNING shop_id
                """, logger: logger) else { return false }
            try await connection.appendProposalAudit(audit, proposalID: lease.proposalID, shopID: shopID, logger: logger)
            return true
        }
    }

    public func failExecution(_ lease: ExecutionLease, error: String, retryAt: Date?, audit: AuditEntryDraft, at: Date)
        async throws -> ActionProposal? {
        try await transaction { connection in
            let now = at.storageMilliseconds
            // Conditional on the lease token, as completeExecution.
            let rows: [PostgresRow]
            if let retryAt {
                rows = try await connection.rows("""
                    UPDATE action_proposals SET status = 'approved', last_error = \(error), next_attempt_at = \(retryAt.storageMilliseconds),
                        lease_token = NULL, lease_expires_at = NULL, updated_at = \(now)
                    WHERE id = \(lease.proposalID) AND lease_token = \(lease.token) AND status = 'executing'
                    RETURNING \(unescaped: Self.proposalColumns)
                    """, logger: logger)
            } else {
                rows = try await connection.rows("""
                    UPDATE action_proposals SET status = 'failed', last_error = \(error), next_attempt_at = NULL, lease_token = NULL,
                        lease_expires_at = NULL, updated_at = \(now)
                    WHERE id = \(lease.proposalID) AND lease_token = \(lease.token) AND status = 'executing'
                    RETURNING \(unescaped: Self.proposalColumns)
                    """, logger: logger)
            }
            guard let row = rows.first else { return nil }
            let proposal = try Self.proposal(from: row)
            try await connection.appendProposalAudit(audit, proposalID: proposal.id, shopID: proposal.draft.shopID, logger: logger)
            return proposal
        }
    }

    public func proposal(id: Int64, shopID: Int64) async throws -> ActionProposal? {
        try await rows("""
            SELECT \(unescaped: Self.proposalColumns) FROM action_proposals WHERE id = \(id) AND shop_id = \(shopID)
            """).first.map(Self.proposal(from:))
    }

    public func proposals(shopID: Int64, query: ProposalQuery) async throws -> (rows: [ActionProposal], total: Int) {
        let statuses = query.statuses?.map(\.rawValue)
        if statuses?.isEmpty == true { return ([], 0) }
        // A nil filter is a bind that is NULL; the server plans each (unnamed) statement with its
        // values, so the `IS NULL OR` folds away and the index on (shop_id, status, created_at) serves.
        let total = try await scalar("""
            SELECT count(*) FROM action_proposals
            WHERE shop_id = \(shopID) AND (\(statuses)::text[] IS NULL OR status = ANY(\(statuses)))
                AND (\(query.actionType)::text IS NULL OR action_type = \(query.actionType))
            """) ?? 0
        let rows = try await rows("""
            SELECT \(unescaped: Self.proposalColumns) FROM action_proposals
            WHERE shop_id = \(shopID) AND (\(statuses)::text[] IS NULL OR status = ANY(\(statuses)))
                AND (\(query.actionType)::text IS NULL OR action_type = \(query.actionType))
            ORDER BY created_at DESC, id DESC LIMIT \(max(0, query.limit)) OFFSET \(max(0, query.offset))
            """)
        return (try rows.map(Self.proposal(from:)), Int(total))
    }

    public func proposalCounts(shopID: Int64) async throws -> [ProposalStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: ProposalStatus.allCases.map { ($0, 0) })
        for row in try await rows("SELECT status, count(*) FROM action_proposals WHERE shop_id = \(shopID) GROUP BY status") {
            let (status, count) = try row.decode((String, Int64).self)
            if let status = ProposalStatus(rawValue: status) { counts[status] = Int(count) }
        }
        return counts
    }

    // MARK: Helpers

    /// Leases the oldest due execution (of one shop, or one proposal, when given): executing, a
    /// fresh random token, one more attempt. One statement, so the pick and the lease commit together.
    ///
    /// The pick is `FOR UPDATE SKIP LOCKED`: a row that a concurrent claim has locked (and is about
    /// to lease) is passed over instead of waited for, and the lock taken here lasts until this
    /// statement commits, so two executors never lease one proposal. A row another claim leased and
    /// committed in the meantime is re-checked against the due condition, and is no longer due.
    private func lease(shopID: Int64?, proposalID: Int64?, now: Date, leaseSeconds: Double) async throws
        -> (ActionProposal, ExecutionLease)? {
        let nowMilliseconds = now.storageMilliseconds
        let token = UUID().uuidString
        let expires = nowMilliseconds + Int64((leaseSeconds * 1000).rounded())
        guard let row = try await rows("""
            UPDATE action_proposals SET status = 'executing', attempts = attempts + 1, lease_token = \(token),
                lease_expires_at = \(expires), updated_at = \(nowMilliseconds)
            WHERE id = (
                SELECT id FROM action_proposals
                WHERE ((status = 'approved' AND (next_attempt_at IS NULL OR next_attempt_at <= \(nowMilliseconds)))
                    OR (status = 'executing' AND lease_expires_at <= \(nowMilliseconds)))
                    AND (\(shopID)::bigint IS NULL OR shop_id = \(shopID))
                    AND (\(proposalID)::bigint IS NULL OR id = \(proposalID))
                ORDER BY coalesce(next_attempt_at, decided_at, created_at), id LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING \(unescaped: Self.proposalColumns)
            """).first else { return nil }
        let proposal = try Self.proposal(from: row)
        return (proposal, ExecutionLease(proposalID: proposal.id, token: token, attempt: proposal.attempts))
    }
}

extension PostgresConnection {
    /// Appends a proposal's audit row: its `proposalID` and `shopID` are the proposal's, whatever
    /// the caller filled in, so the row lands in the proposal's chain.
    func appendProposalAudit(_ audit: AuditEntryDraft, proposalID: Int64, shopID: Int64, logger: Logger) async throws {
        var entry = audit
        entry.proposalID = proposalID
        entry.shopID = shopID
        _ = try await appendAudit(entry, logger: logger)
    }
}
