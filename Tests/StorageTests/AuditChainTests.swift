import Crypto
import Foundation
@testable import Storage
import Testing

/// `AuditChain`: the pinned canonical encoding, and what `verify` reports for each kind of damage.
@Suite struct AuditChainTests {
    /// A row with a multi-byte reason, a nil and an empty value, and a fractional-second instant.
    let entry = AuditEntryDraft(
        shopID: 7, at: Date(timeIntervalSince1970: 1_714_554_000.123), actorType: .user, actorID: "ana@shop",
        action: "proposal.approved", targetType: "order", targetID: "gid://shopify/Order/1001", proposalID: 42,
        modelKind: "risk", modelVersion: 3, decision: "approve", reason: "Prüfung ok", oldValue: nil, newValue: "",
        outcome: nil, source: "ui", correlationID: nil, payloadHash: "ab")

    @Test func knownAnswer() {
        // The documented encoding, written out by hand: `<bytes>:<value>` per field, "-" for nil.
        // 2024-05-01T09:00:00.123Z is 1714554000123 ms; "Prüfung ok" is 11 UTF-8 bytes (ü is 2).
        let genesis = String(repeating: "0", count: 64)
        let encoding = "64:" + genesis + "1:1" + "1:7" + "13:1714554000123" + "4:user" + "8:ana@shop"
            + "17:proposal.approved" + "5:order" + "24:gid://shopify/Order/1001" + "2:42" + "4:risk" + "1:3"
            + "7:approve" + "11:Prüfung ok" + "-" + "0:" + "-" + "2:ui" + "-" + "2:ab"
        let expected = SHA256.hash(data: Data(encoding.utf8)).map { String(format: "%02x", $0) }.joined()
        // The same bytes hashed by Python's hashlib, so the test does not rest on one SHA-256 either.
        #expect(expected == "6ba76038e994c1a509b22f0fd554e7b0653dfcf55d02d8ea6467f88a87e32f08")
        #expect(AuditChain.genesis == genesis)
        #expect(AuditChain.hash(sequence: 1, entry: entry, previousHash: AuditChain.genesis) == expected)
    }

    @Test func everyFieldCountsAndNilDiffersFromEmpty() {
        let base = AuditChain.hash(sequence: 1, entry: entry, previousHash: AuditChain.genesis)
        var variants: [AuditEntryDraft] = []
        func vary(_ change: (inout AuditEntryDraft) -> Void) {
            var copy = entry
            change(&copy)
            variants.append(copy)
        }
        vary { $0.shopID = 8 }
        vary { $0.at = $0.at.addingTimeInterval(0.001) }
        vary { $0.actorType = .model }
        vary { $0.actorID = "bob@shop" }
        vary { $0.action = "proposal.rejected" }
        vary { $0.targetType = "customer" }
        vary { $0.targetID = "gid://shopify/Order/1002" }
        vary { $0.proposalID = nil }
        vary { $0.modelKind = nil }
        vary { $0.modelVersion = 4 }
        vary { $0.decision = "reject" }
        vary { $0.reason = "Prüfung  ok" }
        vary { $0.oldValue = "" }
        vary { $0.newValue = nil }
        vary { $0.outcome = "ok" }
        vary { $0.source = "api" }
        vary { $0.correlationID = "" }
        vary { $0.payloadHash = nil }
        // Moving bytes between adjacent fields must change the hash too (length prefixes).
        vary { $0.actorID = "ana@shopproposal"; $0.action = ".approved" }
        let hashes = variants.map { AuditChain.hash(sequence: 1, entry: $0, previousHash: AuditChain.genesis) }
        #expect(Set(hashes + [base]).count == variants.count + 1)
        #expect(AuditChain.hash(sequence: 2, entry: entry, previousHash: AuditChain.genesis) != base)
        #expect(AuditChain.hash(sequence: 1, entry: entry, previousHash: String(repeating: "1", count: 64)) != base)
    }

    /// A well-formed chain of `count` rows and its head.
    func chain(_ count: Int) -> (rows: [AuditEntry], head: (sequence: Int64, hash: String)) {
        var rows: [AuditEntry] = []
        var previous = AuditChain.genesis
        for sequence in 1...Int64(count) {
            var e = entry
            e.reason = "row \(sequence)"
            let hash = AuditChain.hash(sequence: sequence, entry: e, previousHash: previous)
            rows.append(AuditEntry(sequence: sequence, entry: e, previousHash: previous, hash: hash))
            previous = hash
        }
        return (rows, (Int64(count), previous))
    }

    func kinds(_ problems: [AuditVerification.Problem]) -> [String] {
        problems.map { "\($0.kind)@\($0.sequence)" }
    }

    @Test func intact() {
        let (rows, head) = chain(5)
        #expect(AuditChain.verify(rows, head: head).isEmpty)
        #expect(AuditChain.verify(rows.reversed(), head: head).isEmpty)
        #expect(AuditChain.verify([], head: nil).isEmpty)
    }

    @Test func damage() {
        let (rows, head) = chain(5)
        var edited = rows
        edited[2].entry.reason = "changed"
        #expect(kinds(AuditChain.verify(edited, head: head)) == ["edited@3"])

        var rehashed = edited
        rehashed[2].hash = AuditChain.hash(sequence: 3, entry: rehashed[2].entry, previousHash: rehashed[2].previousHash)
        #expect(kinds(AuditChain.verify(rehashed, head: head)) == ["broken-link@4"])

        var middle = rows
        middle.remove(at: 2)
        #expect(kinds(AuditChain.verify(middle, head: head)) == ["missing@3"])
        var two = rows
        two.removeSubrange(1...2)
        #expect(kinds(AuditChain.verify(two, head: head)) == ["missing@2"])
        #expect(kinds(AuditChain.verify(Array(rows.dropFirst()), head: head)) == ["missing@1"])

        #expect(kinds(AuditChain.verify(Array(rows.dropLast()), head: head)) == ["truncated@5"])
        #expect(kinds(AuditChain.verify([], head: head)) == ["truncated@1"])
        #expect(kinds(AuditChain.verify(rows, head: nil)) == ["head-mismatch@5"])
        #expect(kinds(AuditChain.verify(rows, head: (5, String(repeating: "f", count: 64)))) == ["head-mismatch@5"])
        #expect(kinds(AuditChain.verify(rows, head: (4, rows[3].hash))) == ["inserted@5"])

        // The last row rewritten with its own hash recomputed: only the head shows it.
        var last = rows
        last[4].entry.outcome = "forged"
        last[4].hash = AuditChain.hash(sequence: 5, entry: last[4].entry, previousHash: last[4].previousHash)
        #expect(kinds(AuditChain.verify(last, head: head)) == ["head-mismatch@5"])
    }
}
