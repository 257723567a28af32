import Commerce
import Foundation
import GRDB
import PostgresNIO
@testable import Storage
import Testing
import TestSupport

/// The storage backends the conformance suite runs on: SQLite always, PostgreSQL when the test
/// script started a server (`STOREWISE_TEST_POSTGRES_URL`); otherwise its half skips with a printed reason.
enum Backend: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// The backends to run on here: parameterize a conformance test with `@Test(arguments: Backend.all)`.
    static var all: [Backend] {
        TestPostgres.noteSkipped()
        return TestPostgres.isAvailable ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }
}

/// A fresh database of one backend per test, through the storage protocols only
/// (`store: any StorewiseStore`), with small helpers that read tables in either dialect.
final class ConformanceDatabase: Sendable {
    let backend: Backend
    let store: any StorewiseStore
    /// The SQLite store, on the SQLite backend (for SQLite-only checks).
    let sqlite: SQLiteStore?
    /// The PostgreSQL store, on the Postgres backend.
    let postgres: PostgresStore?
    private let directory: URL?
    private let lifetime: PostgresLifetime?

    init(_ backend: Backend) async throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let (store, directory) = try SQLiteStore.temporary()
            self.store = store; sqlite = store; postgres = nil
            self.directory = directory; lifetime = nil
        case .postgres:
            let (store, lifetime) = try await TestPostgres.freshStore()
            self.store = store; sqlite = nil; postgres = store
            directory = nil; self.lifetime = lifetime
        }
    }

    deinit { if let directory { try? FileManager.default.removeItem(at: directory) } }

    func makeShop(domain: String = "demo.myshopify.com", timeZone: String = "America/New_York") async throws -> ShopRecord {
        try await store.createShop(
            Shop(id: 9, domain: domain, name: "Demo", currency: "USD", timeZone: timeZone),
            webhookSecret: "secret", apiTokenHash: "hash-\(domain)", at: utc("2024-01-01T00:00:00Z"))
    }

    func ingest(_ events: [IncomingEvent]) async throws -> [IngestOutcome] {
        try await store.ingest(events)
    }

    /// The first column of the first row as an integer (`SELECT count(*) …`), 0 when none.
    /// `?` placeholders bind `arguments` in order, in either dialect.
    func count(_ sql: String, _ arguments: [Int64] = []) async throws -> Int {
        if let sqlite {
            return try await sqlite.writer.read { db in
                try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0
            }
        }
        var bindings = PostgresBindings()
        for value in arguments { bindings.append(value) }
        let rows = try await postgres!.rows(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings))
        return Int(try rows.first?.decode(Int64?.self) ?? 0)
    }

    /// Rows of a table for the shop in key order, each as its columns' text ("NULL" for null),
    /// the same text on both backends: for comparing table contents.
    func rows(_ table: String, shopID: Int64) async throws -> [String] {
        let orderBy = SQLiteMigrations.projectionTables.first { $0.name == table }?.orderBy ?? "1"
        if let sqlite {
            return try await sqlite.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE shop_id = ? ORDER BY \(orderBy)", arguments: [shopID])
                    .map { row in row.databaseValues.map { Self.text($0) }.joined(separator: "|") }
            }
        }
        let rows = try await postgres!.rows("""
            SELECT * FROM \(unescaped: table) WHERE shop_id = \(shopID) ORDER BY \(unescaped: orderBy)
            """)
        return rows.map { row in
            row.map { cell -> String in
                guard var bytes = cell.bytes else { return "NULL" }
                switch cell.dataType {
                case .int8: return String(bytes.readInteger(as: Int64.self) ?? 0)
                case .int4: return String(bytes.readInteger(as: Int32.self) ?? 0)
                case .float8: return String(Double(bitPattern: bytes.readInteger(as: UInt64.self) ?? 0))
                case .bytea: return "bytes:" + bytes.readableBytesView.map { String(format: "%02x", $0) }.joined()
                default: return bytes.readString(length: bytes.readableBytes) ?? "?"
                }
            }.joined(separator: "|")
        }
    }

    private static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let v): String(v)
        case .double(let v): String(v)
        case .string(let v): v
        case .blob(let v): "bytes:" + v.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// `?` placeholders as `$1`, `$2` … (the tests' SQL holds no `?` inside literals).
    static func numbered(_ sql: String) -> String {
        var result = "", index = 0
        for character in sql {
            if character == "?" { index += 1; result += "$\(index)" } else { result.append(character) }
        }
        return result
    }
}
