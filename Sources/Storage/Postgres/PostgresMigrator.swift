import Foundation
import Logging
import PostgresNIO

/// Applies `PostgresMigrations.all` in order. Each migration runs in its own transaction and is
/// recorded in `schema_migrations`; a transaction-scoped advisory lock makes replicas that start
/// together wait for one another instead of racing. A migration that shipped is never edited.
enum PostgresMigrator {
    /// The advisory lock key of migrations (any constant no other lock uses).
    static let lockKey: Int64 = 0x5357_4D49_4752 // "SWMIGR"

    static func migrate(_ store: PostgresStore) async throws {
        try await store.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)
            """)
        for migration in PostgresMigrations.all {
            try await store.transaction { connection in
                try await connection.execute("SELECT pg_advisory_xact_lock(\(lockKey))", logger: store.logger)
                let done = try await connection.rows("SELECT 1 FROM schema_migrations WHERE name = \(migration.name)",
                                                     logger: store.logger)
                guard done.isEmpty else { return }
                for statement in migration.statements {
                    try await connection.execute(PostgresQuery(unsafeSQL: statement), logger: store.logger)
                }
                try await connection.execute("""
                    INSERT INTO schema_migrations (name, applied_at) VALUES (\(migration.name), \(Date().storageMilliseconds))
                    """, logger: store.logger)
                store.logger.info("applied migration", metadata: ["name": "\(migration.name)"])
            }
        }
    }

    /// The names of the applied migrations, in order.
    static func applied(_ store: PostgresStore) async throws -> [String] {
        try await store.rows("SELECT name FROM schema_migrations ORDER BY applied_at, name").map { try $0.decode(String.self) }
    }
}

/// One named migration: SQL statements separated by `;` at line ends.
struct PostgresMigration: Sendable {
    var name: String
    var sql: String

    /// The statements, split at `;` that ends a line (no statement of ours holds one inside).
    var statements: [String] {
        sql.components(separatedBy: ";\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
            .filter { !$0.isEmpty }
    }
}
