import Foundation
import GRDB

/// The hash-chained audit trail in `audit_log` and `audit_heads` (v8).
///
/// An append reads the shop's head, chains the new row to it, inserts the row and moves the head,
/// all inside one write transaction: SQLite serializes writers, so sequences have no gaps and
/// no two rows share a predecessor even under concurrent appends.
extension SQLiteStore: AuditLog {
    @discardableResult
    public func appendAudit(_ entry: AuditEntryDraft) async throws -> AuditEntry {
        try await writer.write { db in
            try Self.requireShop(db, entry.shopID)
            return try Self.appendAudit(db, entry)
        }
    }

    public func auditEntries(shopID: Int64, after: Int64, limit: Int, proposalID: Int64?) async throws -> [AuditEntry] {
        try await writer.read { db in
            if let proposalID {
                return try Self.fetchAudit(db, "WHERE shop_id = ? AND proposal_id = ? AND sequence > ? ORDER BY sequence LIMIT ?",
                                           [shopID, proposalID, after, max(0, limit)])
            }
            return try Self.fetchAudit(db, "WHERE shop_id = ? AND sequence > ? ORDER BY sequence LIMIT ?",
                                       [shopID, after, max(0, limit)])
        }
    }

    public func verifyAudit(shopID: Int64) async throws -> AuditVerification {
        // One read transaction: the rows and the head are one snapshot, so a concurrent append
        // never looks like a truncation.
        try await writer.read { db in
            let checked = try Self.fetchAuditChecked(db, "WHERE shop_id = ? ORDER BY sequence", [shopID])
            let head = try Self.auditHead(db, shopID: shopID)
            var problems = AuditChain.verify(checked.map(\.entry), head: head)
            for (entry, malformed) in checked where malformed
            && !problems.contains(where: { $0.sequence == entry.sequence && $0.kind == "edited" }) {
                problems.append(.init(sequence: entry.sequence, kind: "edited", detail: "a column holds a value of the wrong type"))
            }
            return AuditVerification(shopID: shopID, rows: checked.count, headSequence: head?.sequence ?? 0,
                                     headHash: head?.hash ?? AuditChain.genesis, problems: problems)
        }
    }

    // MARK: Inside a transaction

    /// Chains `draft` to the shop's head and stores it; the caller holds the write transaction
    /// (and has checked the shop). `at` is stored, hashed and returned in whole milliseconds.
    static func appendAudit(_ db: Database, _ draft: AuditEntryDraft) throws -> AuditEntry {
        var entry = draft
        let at = AuditChain.milliseconds(draft.at)
        entry.at = Date(storageMilliseconds: at)
        let head = try auditHead(db, shopID: entry.shopID)
        let sequence = (head?.sequence ?? 0) + 1
        let previousHash = head?.hash ?? AuditChain.genesis
        let hash = AuditChain.hash(sequence: sequence, entry: entry, previousHash: previousHash)
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (shop_id, sequence, at, actor_type, actor_id, action, target_type, target_id, proposal_id,
                model_kind, model_version, decision, reason, old_value, new_value, outcome, source, correlation_id,
                payload_hash, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                entry.shopID, sequence, at, entry.actorType.rawValue, entry.actorID, entry.action, entry.targetType,
                entry.targetID, entry.proposalID, entry.modelKind, entry.modelVersion, entry.decision, entry.reason,
                entry.oldValue, entry.newValue, entry.outcome, entry.source, entry.correlationID, entry.payloadHash,
                previousHash, hash,
            ])
        try db.cachedStatement(sql: """
            INSERT INTO audit_heads (shop_id, sequence, hash) VALUES (?, ?, ?)
            ON CONFLICT (shop_id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
            """).execute(arguments: [entry.shopID, sequence, hash])
        return AuditEntry(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
    }

    static func auditHead(_ db: Database, shopID: Int64) throws -> (sequence: Int64, hash: String)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM audit_heads WHERE shop_id = ?"),
                                         arguments: [shopID]) else { return nil }
        // Leniently: a hand-edited head must be reported by verify, not trap the reader.
        return (Int64.fromDatabaseValue(row[0] as DatabaseValue) ?? -1, String.fromDatabaseValue(row[1] as DatabaseValue) ?? "")
    }

    static func fetchAudit(_ db: Database, _ clause: String, _ arguments: StatementArguments) throws -> [AuditEntry] {
        try fetchAuditChecked(db, clause, arguments).map(\.entry)
    }

    /// Rows with a flag for values no append writes (a text in a number column, an unknown actor
    /// type): they come from hand edits, and decoding them leniently could hide the edit from
    /// the hash, so `verifyAudit` reports them as edited. Never traps on a malformed value.
    static func fetchAuditChecked(_ db: Database, _ clause: String, _ arguments: StatementArguments) throws
        -> [(entry: AuditEntry, malformed: Bool)] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT shop_id, sequence, at, actor_type, actor_id, action, target_type, target_id, proposal_id, model_kind,
                model_version, decision, reason, old_value, new_value, outcome, source, correlation_id, payload_hash,
                previous_hash, hash
            FROM audit_log \(clause)
            """), arguments: arguments).map { row in
            var reader = LenientRow(row: row)
            let actor = reader.text(3) ?? ""
            let actorType = AuditActorType(rawValue: actor)
            if actorType == nil { reader.malformed = true }
            let draft = AuditEntryDraft(
                shopID: reader.integer(0) ?? 0, at: Date(storageMilliseconds: reader.integer(2) ?? 0),
                actorType: actorType ?? .system, actorID: reader.text(4) ?? "", action: reader.text(5) ?? "",
                targetType: reader.text(6) ?? "", targetID: reader.text(7) ?? "", proposalID: reader.integer(8),
                modelKind: reader.text(9), modelVersion: reader.integer(10).map { Int(truncatingIfNeeded: $0) },
                decision: reader.text(11), reason: reader.text(12), oldValue: reader.text(13), newValue: reader.text(14),
                outcome: reader.text(15), source: reader.text(16) ?? "", correlationID: reader.text(17),
                payloadHash: reader.text(18))
            let entry = AuditEntry(sequence: reader.integer(1) ?? 0, entry: draft, previousHash: reader.text(19) ?? "",
                                   hash: reader.text(20) ?? "")
            return (entry, reader.malformed)
        }
    }
}

/// Reads columns by index without GRDB's trapping conversions, noting values of the wrong type.
private struct LenientRow {
    let row: Row
    var malformed = false

    mutating func text(_ index: Int) -> String? {
        switch (row[index] as DatabaseValue).storage {
        case .null: return nil
        case .string(let s): return s
        case .int64(let i): malformed = true; return String(i)
        case .double(let d): malformed = true; return String(d)
        case .blob(let b): malformed = true; return String(decoding: b, as: UTF8.self)
        }
    }

    mutating func integer(_ index: Int) -> Int64? {
        switch (row[index] as DatabaseValue).storage {
        case .null: return nil
        case .int64(let i): return i
        default: malformed = true; return nil
        }
    }
}
