import Commerce
import Foundation
import GRDB
import Storage
import Testing

/// The must-show, through the shipped command: `storewise audit verify` on a real database file
/// finds tampering with any row of a chain — each of its five rows edited in turn, a middle row
/// deleted, the newest row deleted — and passes the untouched chain.
@Suite("storewise audit verify", .serialized)
struct AuditVerifyCommandTests {
    /// A database with one shop and a five-row audit chain, and the shop's id.
    static func chain(in directory: URL) async throws -> (path: String, shopID: Int64) {
        let path = directory.appendingPathComponent("storewise.sqlite").path
        let store = try SQLiteStore(path: path)
        let shop = try await store.createShop(Shop(domain: "audit-test.myshopify.com", name: "Audit", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        for index in 1...5 {
            try await store.appendAudit(AuditEntryDraft(
                shopID: shop.id, at: t0.addingTimeInterval(Double(index)), actorType: .user, actorID: "ana", action: "proposal.approved",
                targetType: "customer", targetID: "gid://shopify/Customer/\(index)", proposalID: Int64(index), decision: "approve",
                reason: "row \(index)", source: "cli"))
        }
        return (path, shop.id)
    }

    /// Runs `storewise audit verify` on the database; exit status and output.
    static func verify(binary: URL, path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["audit", "verify", "--db-url", path, "--log-level", "error"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A fresh chain in its own directory, tampered with by `tamper` through a second connection.
    static func tampered(_ tamper: @escaping @Sendable (Database, Int64) throws -> Void) async throws -> (path: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storewise-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (path, shopID) = try await chain(in: directory)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try tamper(db, shopID) }
        try queue.close()
        return (path, directory)
    }

    @Test func intactChainPassesAndEveryTamperingIsFound() async throws {
        guard let binary = BackfillCrashTests.storewiseBinary() else {
            print("SKIP intactChainPassesAndEveryTamperingIsFound: the storewise binary is not beside the test binary (run `swift build` first, or set STOREWISE_BINARY)")
            return
        }
        let intact = try await Self.tampered { _, _ in }
        defer { try? FileManager.default.removeItem(at: intact.directory) }
        let clean = try Self.verify(binary: binary, path: intact.path)
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("intact, 5 rows checked"))

        // Any row edited: its own hash no longer matches what it says.
        for sequence in 1...5 {
            let edited = try await Self.tampered { db, shop in
                try db.execute(sql: "UPDATE audit_log SET reason = 'nothing to see' WHERE shop_id = ? AND sequence = ?", arguments: [shop, sequence])
            }
            defer { try? FileManager.default.removeItem(at: edited.directory) }
            let result = try Self.verify(binary: binary, path: edited.path)
            #expect(result.status == 1, "row \(sequence): \(result.output)")
            #expect(result.output.contains("row #\(sequence) edited"), "row \(sequence): \(result.output)")
        }

        // A middle row deleted: the gap.
        let gap = try await Self.tampered { db, shop in
            try db.execute(sql: "DELETE FROM audit_log WHERE shop_id = ? AND sequence = 3", arguments: [shop])
        }
        defer { try? FileManager.default.removeItem(at: gap.directory) }
        let missing = try Self.verify(binary: binary, path: gap.path)
        #expect(missing.status == 1)
        #expect(missing.output.contains("row #3 missing"), "\(missing.output)")

        // The newest row deleted: the chain ends before its head.
        let cut = try await Self.tampered { db, shop in
            try db.execute(sql: "DELETE FROM audit_log WHERE shop_id = ? AND sequence = 5", arguments: [shop])
        }
        defer { try? FileManager.default.removeItem(at: cut.directory) }
        let truncated = try Self.verify(binary: binary, path: cut.path)
        #expect(truncated.status == 1)
        #expect(truncated.output.contains("truncated"), "\(truncated.output)")
    }
}
