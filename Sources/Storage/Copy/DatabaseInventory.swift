import Foundation
import GRDB
import PostgresNIO

/// What a database holds, for `storewise db status`: applied migrations and the row count of
/// every table (the same list on both backends).
public struct DatabaseInventory: Sendable {
    public var backend: String
    public var migrations: [String]
    public var counts: [(table: String, rows: Int)]

    /// The SQLite file's migrations and counts.
    public static func of(_ store: SQLiteStore) async throws -> DatabaseInventory {
        try await store.writer.read { db in
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            let tables = try CopySchema.read(db).tables.map(\.name).sorted()
            let counts = try tables.map { ($0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(quoted($0))") ?? 0) }
            return DatabaseInventory(backend: "sqlite", migrations: migrations, counts: counts)
        }
    }

    /// The PostgreSQL database's migrations and counts.
    public static func of(_ store: PostgresStore) async throws -> DatabaseInventory {
        let migrations = try await PostgresMigrator.applied(store)
        let tables = try await store.rows("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """).map { try $0.decode(String.self) }.filter { !CopySchema.skipped.contains($0) }
        var counts: [(table: String, rows: Int)] = []
        for table in tables {
            counts.append((table, Int(try await store.scalar(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(quoted(table))")) ?? 0)))
        }
        return DatabaseInventory(backend: "postgresql", migrations: migrations, counts: counts)
    }
}
