import Commerce
import Foundation
import GRDB
import Logging
import PostgresNIO
@testable import Storage
import Testing
import TestSupport

/// `AuditLog` on both backends: gap-free sequences under concurrent appends (and, on PostgreSQL,
/// from two clients), reads, and tampering done through a second connection (as a person with
/// the database would) caught by `verifyAudit`.
@Suite struct AuditLogTests {
    let t0 = utc("2024-05-01T09:00:00Z")

    func entry(_ shopID: Int64, _ index: Int, proposalID: Int64? = nil) -> AuditEntryDraft {
        AuditEntryDraft(shopID: shopID, at: t0.addingTimeInterval(Double(index)), actorType: .model, actorID: "customer-value v3",
                        action: "model.promoted", targetType: "model", targetID: "customer-value", proposalID: proposalID,
                        modelKind: "customer-value", modelVersion: 3, reason: "row \(index)", oldValue: #"{"version":2}"#,
                        newValue: #"{"version":3}"#, outcome: "ok", source: "scheduler")
    }

    /// A store with `count` rows in one shop's chain.
    func chain(_ backend: Backend, _ count: Int) async throws -> (database: ConformanceDatabase, shopID: Int64) {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        for index in 1...count { try await database.store.appendAudit(entry(shop.id, index)) }
        return (database, shop.id)
    }

    func kinds(_ verification: AuditVerification) -> [String] {
        verification.problems.map { "\($0.kind)@\($0.sequence)" }
    }

    @Test(arguments: Backend.all) func appendsChainAndReadBack(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
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

    @Test(arguments: Backend.all) func concurrentAppendsHaveNoGaps(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
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

    @Test(arguments: Backend.all) func editedReason(_ backend: Backend) async throws {
        let (database, shopID) = try await chain(backend, 5)
        try await database.tamper("UPDATE audit_log SET reason = 'nothing to see' WHERE shop_id = \(shopID) AND sequence = 3")
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["edited@3"])
    }

    @Test(arguments: Backend.all) func deletedMiddleRow(_ backend: Backend) async throws {
        let (database, shopID) = try await chain(backend, 5)
        try await database.tamper("DELETE FROM audit_log WHERE shop_id = \(shopID) AND sequence = 3")
        let verification = try await database.store.verifyAudit(shopID: shopID)
        #expect(kinds(verification) == ["missing@3"] && verification.rows == 4)
    }

    @Test(arguments: Backend.all) func deletedLastRow(_ backend: Backend) async throws {
        let (database, shopID) = try await chain(backend, 5)
        try await database.tamper("DELETE FROM audit_log WHERE shop_id = \(shopID) AND sequence = 5")
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["truncated@5"])
    }

    @Test(arguments: Backend.all) func editedRowWithItsOwnHashRecomputed(_ backend: Backend) async throws {
        let (database, shopID) = try await chain(backend, 5)
        let store = database.store
        var row = try #require(try await store.auditEntries(shopID: shopID, after: 2, limit: 1, proposalID: nil).first)
        row.entry.outcome = "error: forged"
        let forged = AuditChain.hash(sequence: 3, entry: row.entry, previousHash: row.previousHash)
        try await database.tamper("""
            UPDATE audit_log SET outcome = 'error: forged', hash = '\(forged)' WHERE shop_id = \(shopID) AND sequence = 3
            """)
        #expect(kinds(try await store.verifyAudit(shopID: shopID)) == ["broken-link@4"])
    }

    @Test(arguments: Backend.all) func changedHead(_ backend: Backend) async throws {
        let (database, shopID) = try await chain(backend, 5)
        try await database.tamper("UPDATE audit_heads SET hash = '\(String(repeating: "f", count: 64))' WHERE shop_id = \(shopID)")
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["head-mismatch@5"])
        try await database.tamper("UPDATE audit_heads SET sequence = 7 WHERE shop_id = \(shopID)")
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["truncated@6"])
        try await database.tamper("DELETE FROM audit_heads WHERE shop_id = \(shopID)")
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["head-mismatch@5"])
    }

    @Test(arguments: Backend.all) func valuesOfTheWrongTypeAreReportedNotTrapped(_ backend: Backend) async throws {
        let (database, shopID) = try await chain(backend, 3)
        // PostgreSQL's typed columns refuse a text in model_version; an unknown actor type is what
        // can be written there.
        try await database.tamper(backend == .sqlite
            ? "UPDATE audit_log SET model_version = 'three', actor_type = 'root' WHERE shop_id = \(shopID) AND sequence = 2"
            : "UPDATE audit_log SET actor_type = 'root' WHERE shop_id = \(shopID) AND sequence = 2")
        #expect(kinds(try await database.store.verifyAudit(shopID: shopID)) == ["edited@2"])
    }

    /// The append rate, for the report: `STOREWISE_AUDIT_BENCH=normal|full swift test --filter AuditLogTests`
    /// (`full` is the server's default durability). SQLite only: it times SQLite's synchronous modes. Prints only; a loaded machine must not fail a test.
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

    /// Two clients on one database (as two replicas would be) append 100 rows each to one shop at
    /// once: the head lock keeps one unbroken chain of 200 consecutive sequences.
    @Test(.enabled(if: TestPostgres.isAvailable)) func twoPostgresClientsAppendOneChain() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        var quiet = Logger(label: "storewise.test.postgres")
        quiet.logLevel = .error  // the pool's notices (a query racing the client's start) are not findings
        let clients = try (0..<2).map { _ in try PostgresStore(url: url, maximumConnections: 4, logger: quiet) }
        let lifetimes = clients.map(PostgresLifetime.init)
        let shop = try await clients[0].createShop(Shop(id: 9, domain: "demo.myshopify.com", name: "Demo", currency: "USD",
                                                        timeZone: "UTC"), webhookSecret: "s", apiTokenHash: "h", at: t0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, client) in clients.enumerated() {
                for worker in 0..<4 {
                    group.addTask { [self] in
                        for row in stride(from: worker, to: 100, by: 4) {
                            _ = try await client.appendAudit(entry(shop.id, index * 100 + row))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let rows = try await clients[1].auditEntries(shopID: shop.id, after: 0, limit: 1000, proposalID: nil)
        #expect(rows.map(\.sequence) == Array(1...200))
        #expect(Set(rows.map(\.entry.reason)).count == 200)
        let verification = try await clients[0].verifyAudit(shopID: shop.id)
        #expect(verification.isIntact && verification.rows == 200 && verification.headSequence == 200)
        _ = lifetimes
    }
}

extension ConformanceDatabase {
    /// Runs `sql` (values written into it) on a connection of its own, as a person with the
    /// database would, to damage the chain.
    fileprivate func tamper(_ sql: String) async throws {
        if let sqlite {
            let raw = try DatabaseQueue(path: sqlite.writer.path)
            try await raw.write { db in try db.execute(sql: sql) }
        } else if let postgres {
            try await postgres.execute(PostgresQuery(unsafeSQL: sql))
        }
    }
}
