import Crypto
import Foundation

/// The audit trail's hash chain, pure: how a row's hash is computed and how a chain is checked.
///
/// `hash = hex(SHA-256(encoding))`, where the encoding is these fields, in this order, each
/// written as `<UTF-8 byte count in decimal>:<UTF-8 bytes>` when present and as the single byte
/// `-` when nil (so nil and "" differ, and no value can run into the next):
///
///  1. previousHash   2. sequence   3. shopID   4. at (integer milliseconds since 1970, UTC)
///  5. actorType (raw value)   6. actorID   7. action   8. targetType   9. targetID
/// 10. proposalID   11. modelKind   12. modelVersion   13. decision   14. reason   15. oldValue
/// 16. newValue   17. outcome   18. source   19. correlationID   20. payloadHash
///
/// Integers are written in decimal ("-" only for nil, a negative number is "2:-5").
/// The encoding is versioned by this list: a new field is appended at the end, never inserted.
///
/// ```swift
/// let hash = AuditChain.hash(sequence: 1, entry: draft, previousHash: AuditChain.genesis)
/// let problems = AuditChain.verify(rows, head: (sequence: 1, hash: hash))   // [] when intact
/// ```
public enum AuditChain {
    /// The `previousHash` of a chain's first row: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of the row at `sequence` holding `entry`, chained to `previousHash`.
    public static func hash(sequence: Int64, entry: AuditEntryDraft, previousHash: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + (entry.oldValue?.utf8.count ?? 0) + (entry.newValue?.utf8.count ?? 0)
                              + (entry.reason?.utf8.count ?? 0))
        func field(_ value: String?) {
            guard let value else {
                bytes.append(UInt8(ascii: "-"))
                return
            }
            bytes.append(contentsOf: String(value.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: value.utf8)
        }
        func field(_ value: Int64?) { field(value.map { String($0) }) }

        field(previousHash)
        field(sequence)
        field(entry.shopID)
        field(milliseconds(entry.at))
        field(entry.actorType.rawValue)
        field(entry.actorID)
        field(entry.action)
        field(entry.targetType)
        field(entry.targetID)
        field(entry.proposalID)
        field(entry.modelKind)
        field(entry.modelVersion.map(Int64.init))
        field(entry.decision)
        field(entry.reason)
        field(entry.oldValue)
        field(entry.newValue)
        field(entry.outcome)
        field(entry.source)
        field(entry.correlationID)
        field(entry.payloadHash)

        var sha = SHA256()
        sha.update(data: bytes)
        return sha.finalizeHex()
    }

    /// The instant as the chain (and the store) sees it: whole milliseconds since 1970.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Checks one shop's rows (any order; they are sorted by sequence) against each other and
    /// against the stored head. Problems (row problems in sequence order, then the head's):
    /// - "missing": a sequence gap, or a first row that is not 1 (reported at the first absent sequence);
    /// - "edited": a row whose recomputed hash differs from its stored hash;
    /// - "broken-link": a row whose `previousHash` is not the prior row's stored hash (not reported
    ///   across a gap, which "missing" already explains);
    /// - "inserted": a row numbered below 1 or after the head;
    /// - "truncated": the head is past the last row (the newest rows were deleted);
    /// - "head-mismatch": the last row's hash is not the head's, or rows exist without a head.
    public static func verify(_ rows: [AuditEntry], head: (sequence: Int64, hash: String)?) -> [AuditVerification.Problem] {
        var problems: [AuditVerification.Problem] = []
        let sorted = rows.sorted { $0.sequence < $1.sequence }
        var expected: Int64 = 1
        var previousHash: String?
        for row in sorted {
            var gap = false
            if row.sequence < 1 {
                problems.append(.init(sequence: row.sequence, kind: "inserted", detail: "sequence \(row.sequence) is below 1"))
            } else if row.sequence > expected {
                gap = true
                let detail = row.sequence == expected + 1
                    ? "row \(expected) is missing" : "rows \(expected)…\(row.sequence - 1) are missing"
                problems.append(.init(sequence: expected, kind: "missing", detail: detail))
            }
            let recomputed = hash(sequence: row.sequence, entry: row.entry, previousHash: row.previousHash)
            if recomputed != row.hash {
                problems.append(.init(sequence: row.sequence, kind: "edited",
                                      detail: "stored hash \(row.hash) but the row hashes to \(recomputed)"))
            }
            let link = previousHash ?? genesis
            if !gap && row.sequence >= 1 && row.previousHash != link {
                problems.append(.init(sequence: row.sequence, kind: "broken-link",
                                      detail: "previous_hash \(row.previousHash) but row \(row.sequence - 1) has hash \(link)"))
            }
            previousHash = row.hash
            expected = max(expected, row.sequence + 1)
        }

        switch (head, sorted.last) {
        case (nil, nil):
            break
        case (nil, let last?):
            problems.append(.init(sequence: last.sequence, kind: "head-mismatch",
                                  detail: "\(sorted.count) rows but no head"))
        case (let head?, nil):
            if head.sequence > 0 {
                problems.append(.init(sequence: 1, kind: "truncated",
                                      detail: "head is at \(head.sequence) but there are no rows"))
            }
        case (let head?, let last?):
            if last.sequence < head.sequence {
                problems.append(.init(sequence: last.sequence + 1, kind: "truncated",
                                      detail: "last row is \(last.sequence) but the head is at \(head.sequence)"))
            } else if last.sequence > head.sequence {
                for row in sorted where row.sequence > head.sequence {
                    problems.append(.init(sequence: row.sequence, kind: "inserted",
                                          detail: "row \(row.sequence) is after the head (\(head.sequence))"))
                }
            } else if last.hash != head.hash {
                problems.append(.init(sequence: head.sequence, kind: "head-mismatch",
                                      detail: "head hash \(head.hash) but row \(last.sequence) has hash \(last.hash)"))
            }
        }
        return problems
    }
}
