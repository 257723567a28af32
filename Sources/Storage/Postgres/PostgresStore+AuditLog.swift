import Foundation
import Logging
import PostgresNIO

/// The hash-chained audit trail in `audit_log` and `audit_heads`.
///
/// SQLite's single writer kept a shop's chain linear for free; here several `serve` replicas and
/// workers append at once, so every append locks the shop's head row (`SELECT … FOR UPDATE`) before
/// reading it: appends of one shop queue behind each other and the chain stays unbroken (no gap, no
/// two rows on one predecessor), while appends of different shops do not wait for each other.
extension PostgresStore: AuditLog {
    @discardableResult
    public func appendAudit(_ entry: AuditEntryDraft) async throws -> AuditEntry {
        try await transaction { connection in
            try await connection.ensureShopExists(entry.shopID, logger: logger)
            return try await connection.appendAudit(entry, logger: logger)
        }
    }

    public func auditEntries(shopID: Int64, after: Int64, limit: Int, proposalID: Int64?) async throws -> [AuditEntry] {
        let rows: [PostgresRow]
        if let proposalID {
            rows = try await self.rows("""
                SELECT \(unescaped: Self.auditColumns) FROM audit_log
                WHERE shop_id = \(shopID) AND proposal_id = \(proposalID) AND sequence > \(after) ORDER BY sequence LIMIT \(max(0, limit))
                """)
        } else {
            rows = try await self.rows("""
                SELECT \(unescaped: Self.auditColumns) FROM audit_log
                WHERE shop_id = \(shopID) AND sequence > \(after) ORDER BY sequence LIMIT \(max(0, limit))
                """)
        }
        return try rows.map { try Self.auditEntry(from: $0).entry }
    }

    public func verifyAudit(shopID: Int64) async throws -> AuditVerification {
        try await transaction { connection in
            // One snapshot for the rows and the head (READ COMMITTED would take one per statement):
            // an append committing between the two reads must not look like a truncation. It
            // takes no lock, so appends go on while a long chain is checked.
            try await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            let checked = try await connection.rows("""
                SELECT \(unescaped: Self.auditColumns) FROM audit_log WHERE shop_id = \(shopID) ORDER BY sequence
                """, logger: logger).map(Self.auditEntry(from:))
            let head = try await connection.auditHead(shopID: shopID, lock: false, logger: logger)
            var problems = AuditChain.verify(checked.map(\.entry), head: head)
            for (entry, malformed) in checked where malformed
            && !problems.contains(where: { $0.sequence == entry.sequence && $0.kind == "edited" }) {
                problems.append(.init(sequence: entry.sequence, kind: "edited", detail: "a column holds a value of the wrong type"))
            }
            return AuditVerification(shopID: shopID, rows: checked.count, headSequence: head?.sequence ?? 0,
                                     headHash: head?.hash ?? AuditChain.genesis, problems: problems)
        }
    }

    static let auditColumns = """
        shop_id, sequence, at, actor_type, actor_id, action, target_type, target_id, proposal_id, model_kind, model_version,
        decision, reason, old_value, new_value, outcome, source, correlation_id, payload_hash, previous_hash, hash
        """

    /// A row of `auditColumns`, flagged malformed when it holds a value no append writes. The
    /// columns are typed here (a text cannot sit in a number column as it can in SQLite), so the
    /// one such value is an unknown actor type; `verifyAudit` reports it as edited.
    static func auditEntry(from row: PostgresRow) throws -> (entry: AuditEntry, malformed: Bool) {
        let (shopID, sequence, at, actor, actorID, action, targetType, targetID, proposalID, modelKind, modelVersion) =
            try row.decode((Int64, Int64, Int64, String, String, String, String, String, Int64?, String?, Int64?).self)
        let r = row.makeRandomAccess()
        let actorType = AuditActorType(rawValue: actor)
        let draft = AuditEntryDraft(
            shopID: shopID, at: Date(storageMilliseconds: at), actorType: actorType ?? .system, actorID: actorID, action: action,
            targetType: targetType, targetID: targetID, proposalID: proposalID, modelKind: modelKind,
            modelVersion: modelVersion.map { Int(truncatingIfNeeded: $0) }, decision: try r[11].decode(String?.self),
            reason: try r[12].decode(String?.self), oldValue: try r[13].decode(String?.self), newValue: try r[14].decode(String?.self),
            outcome: try r[15].decode(String?.self), source: try r[16].decode(String.self),
            correlationID: try r[17].decode(String?.self), payloadHash: try r[18].decode(String?.self))
        let entry = AuditEntry(sequence: sequence, entry: draft, previousHash: try r[19].decode(String.self),
                               hash: try r[20].decode(String.self))
        return (entry, actorType == nil)
    }
}

extension PostgresConnection {
    /// Chains `draft` to the shop's head and stores it, inside the caller's transaction (which has
    /// checked the shop). `at` is stored, hashed and returned in whole milliseconds.
    ///
    /// The head row is created first when missing (`ON CONFLICT DO NOTHING`: a concurrent first
    /// append waits on the unique key, then finds the row), then locked with `FOR UPDATE`: the lock
    /// is held to commit, so the next append of this shop reads the head this one writes.
    func appendAudit(_ draft: AuditEntryDraft, logger: Logger) async throws -> AuditEntry {
        var entry = draft
        let at = AuditChain.milliseconds(draft.at)
        entry.at = Date(storageMilliseconds: at)
        try await execute("""
            INSERT INTO audit_heads (shop_id, sequence, hash) VALUES (\(entry.shopID), 0, \(AuditChain.genesis))
            ON CONFLICT (shop_id) DO NOTHING
            """, logger: logger)
        let head = try await auditHead(shopID: entry.shopID, lock: true, logger: logger)
        let sequence = (head?.sequence ?? 0) + 1
        let previousHash = head?.hash ?? AuditChain.genesis
        let hash = AuditChain.hash(sequence: sequence, entry: entry, previousHash: previousHash)
        try await execute("""
            INSERT INTO audit_log (shop_id, sequence, at, actor_type, actor_id, action, target_type, target_id, proposal_id,
                model_kind, model_version, decision, reason, old_value, new_value, outcome, source, correlation_id,
                payload_hash, previous_hash, hash)
            VALUES (\(entry.shopID), \(sequence), \(at), \(entry.actorType.rawValue), \(entry.actorID), \(entry.action),
                \(entry.targetType), \(entry.targetID), \(entry.proposalID), \(entry.modelKind), \(entry.modelVersion.map(Int64.init)),
                \(entry.decision), \(entry.reason), \(entry.oldValue), \(entry.newValue), \(entry.outcome), \(entry.source),
                \(entry.correlationID), \(entry.payloadHash), \(previousHash), \(hash))
            """, logger: logger)
        try await execute("UPDATE audit_heads SET sequence = \(sequence), hash = \(hash) WHERE shop_id = \(entry.shopID)",
                          logger: logger)
        return AuditEntry(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
    }

    /// The shop's head, nil when it has none; `lock` takes its row lock for an append.
    func auditHead(shopID: Int64, lock: Bool, logger: Logger) async throws -> (sequence: Int64, hash: String)? {
        let rows = try await self.rows("""
            SELECT sequence, hash FROM audit_heads WHERE shop_id = \(shopID) \(unescaped: lock ? "FOR UPDATE" : "")
            """, logger: logger)
        guard let row = rows.first else { return nil }
        let (sequence, hash) = try row.decode((Int64, String).self)
        return (sequence, hash)
    }
}
