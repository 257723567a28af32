import Commerce
import Foundation
import GRDB
@testable import Storage
import Testing

/// `AuditLog` on SQLite: gap-free sequences under concurrent appends, reads, and tampering done
/// through a second connection (as a person with the database file would) caught by `verifyAudit`.
@Suite struct AuditLogTests {
    let t0 = utc("2024-05-01T09:00:00Z")

    func entry(_ shopID: Int64, _ index: Int, proposalID: Int64? = nil) -> AuditEntryDraft {
        AuditEntryDraft(shopID: shopID, at: t0.addingTimeInterval(Double(index)), actorType: .model, actorID: "customer-value v3",
                        action: "model.promoted", targetType: "model", targetID: "customer-value", proposalID: proposalID,
                        modelKind: "customer-value", modelVersion: 3, reason: "row \(index)", oldValue: #"{"version":2}"#,
                        newValue: #"{"version":3}"#, outcome: "ok", source: "scheduler")
    }

    /// A store with `count` rows in one shop's chain, and a second connection to the same file.
    func chain(_ count: Int) async throws -> (database: TestDatabase, shopID: Int64, raw: DatabaseQueue) {
        let database = try TestDatabase()
        let shop = try await database.makeShop()
        for index in 1...count { try await database.store.appendAudit(entry(shop.id, index)) }
        let raw = try DatabaseQueue(path: database.directory.appendingPathComponent("storewise.sqlite").path)
        return (database, shop.id, raw)
    }

    func kinds(_ verification: AuditVerification) -> [String] {
        verification.problems.map { "\($0.kind)@\($0.sequence)" }
    }

    @Test func appendsChainAndReadBack() async throws {
        let database = try TestDatabase()
        let shop = try await database.makeShop()
        let store = database.store
        // A sub-millisecond instant is stored, hashed and returned as whole milliseconds.
        var first = entry(shop.id, 1, proposalID: 7)
        first.at = t0.addingTimeInterval(0.0004)
        let a = try await store.appendAudit(first)
        let b = try await store.appendAudit(entry(shop.id, 2))
        #expect(a.sequence == 1 && a.previousHash == AuditChain.genesis && a.entry.at == t0)
        #expect(b.sequence == 2 && b.previousHash == a.hash)
        #expect(a.hash == AuditChain.hash(sequence: 1, entry: a.entry, previousHash: AuditChain.genesis))
        #expect(try await store.auditEntries(shopID: shop.id, after: 0, limit: 10, proposalID: nil) == [a, b])
        #expect(try await store.auditEntries(shopID: shop.id, after: 1, limit: 10, proposalID: nil) == [b])
        #expect(try await store.auditEntries(shopID: shop.id, after: 0, limit: 1, proposalID: nil) == [a])
        #expect(try await store.auditEntries(shopID: shop.id, after: 0, limit: 10, proposalID: 7) == [a])

        let verification = try await store.verifyAudit(shopID: shop.id)
        #expect(verification.isIntact && verification.rows == 2 && verification.headSequence == 2 && verification.headHash == b.hash)

        // Chains are per shop; an unknown shop is refused.
        let other = try await database.makeShop(domain: "other.myshopify.com")
        #expect(try await store.appendAudit(entry(other.id, 1)).sequence == 1)
        await #expect(throws: StorageError.unknownShop(id: 999)) { try await store.appendAudit(entry(999, 1)) }
        let empty = try await store.verifyAudit(shopID: 999)
        #expect(empty.isIntact && empty.rows == 0 && empty.headSequence == 0)
    }

    @Test func concurrentAppendsHaveNoGaps() async throws {
        let database = try TestDatabase()
        let shop = try await database.makeShop()
        let other = try await database.makeShop(domain: "other.myshopify.com")
        let store = database.store
        let shopIDs = [shop.id, other.id]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<64 {
                group.addTask { [self] in _ = try await store.appendAudit(entry(shopIDs[index % 2], index)) }
            }
            try await group.waitForAll()
        }
        for shopID in shopIDs {
            let rows = try await store.auditEntries(shopID: shopID, after: 0, limit: 100, proposalID: nil)
            #expect(rows.map(\.sequence) == Array(1...32))
            #expect(try await store.verifyAudit(shopID: shopID).isIntact)
        }
    }

    @Test func editedReason() async throws {
        let (database, shopID, raw) = try await chain(5)
        try await raw.write { db in
            try db.execute(sql: "UPDATE audit_log SET reason = 'nothing to see' WHERE shop_id = ? AND sequence = 3", arguments: [shopID])
        }
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["edited@3"])
    }

    @Test func deletedMiddleRow() async throws {
        let (database, shopID, raw) = try await chain(5)
        try await raw.write { db in
            try db.execute(sql: "DELETE FROM audit_log WHERE shop_id = ? AND sequence = 3", arguments: [shopID])
        }
        let verification = try await database.store.verifyAudit(shopID: shopID)
        #expect(kinds(verification) == ["missing@3"] && verification.rows == 4)
    }

    @Test func deletedLastRow() async throws {
        let (database, shopID, raw) = try await chain(5)
        try await raw.write { db in
            try db.execute(sql: "DELETE FROM audit_log WHERE shop_id = ? AND sequence = 5", arguments: [shopID])
        }
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["truncated@5"])
    }

    @Test func editedRowWithItsOwnHashRecomputed() async throws {
        let (database, shopID, raw) = try await chain(5)
        let store = database.store
        var row = try #require(try await store.auditEntries(shopID: shopID, after: 2, limit: 1, proposalID: nil).first)
        row.entry.outcome = "error: forged"
        let forged = AuditChain.hash(sequence: 3, entry: row.entry, previousHash: row.previousHash)
        let outcome = row.entry.outcome
        try await raw.write { db in
            try db.execute(sql: "UPDATE audit_log SET outcome = ?, hash = ? WHERE shop_id = ? AND sequence = 3",
                           arguments: [outcome, forged, shopID])
        }
        #expect(kinds(try await store.verifyAudit(shopID: shopID)) == ["broken-link@4"])
    }

    @Test func changedHead() async throws {
        let (database, shopID, raw) = try await chain(5)
        try await raw.write { db in
            try db.execute(sql: "UPDATE audit_heads SET hash = ? WHERE shop_id = ?",
                           arguments: [String(repeating: "f", count: 64), shopID])
        }
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["head-mismatch@5"])
        try await raw.write { db in
            try db.execute(sql: "UPDATE audit_heads SET sequence = 7 WHERE shop_id = ?", arguments: [shopID])
        }
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["truncated@6"])
        try await raw.write { db in try db.execute(sql: "DELETE FROM audit_heads WHERE shop_id = ?", arguments: [shopID]) }
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["head-mismatch@5"])
    }

    @Test func valuesOfTheWrongTypeAreReportedNotTrapped() async throws {
        let (database, shopID, raw) = try await chain(3)
        try await raw.write { db in
            try db.execute(sql: "UPDATE audit_log SET model_version = 'three', actor_type = 'root' WHERE shop_id = ? AND sequence = 2",
                           arguments: [shopID])
        }
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["edited@2"])
    }

    /// The append rate, for the report: `STOREWISE_AUDIT_BENCH=normal|full swift test --filter AuditLogTests`
    /// (`full` is the server's default durability). Prints only; a loaded machine must not fail a test.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STOREWISE_AUDIT_BENCH"] != nil))
    func appendRate() async throws {
        let mode = ProcessInfo.processInfo.environment["STOREWISE_AUDIT_BENCH"] == "full" ? SQLiteStore.Synchronous.full : .normal
        let (store, directory) = try SQLiteStore.temporary(synchronous: mode)
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(id: 9, domain: "bench.myshopify.com", name: "Bench", currency: "USD",
                                                   timeZone: "UTC"), webhookSecret: "s", apiTokenHash: "h", at: t0)
        let count = 10_000
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count { try await store.appendAudit(entry(shop.id, index)) }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let verifyStart = clock.now
        #expect(try await store.verifyAudit(shopID: shop.id).isIntact)
        let verifyElapsed = verifyStart.duration(to: clock.now)
        print("audit append: \(count) rows in \(seconds) s = \(Int(Double(count) / seconds)) appends/s (synchronous \(mode.rawValue), WAL); verify \(verifyElapsed)")
    }
}
