import Commerce
import Foundation
import GRDB
import Testing
@testable import Storage

@Suite struct SQLiteShopStoreTests {
    @Test func migrationsCreateEveryTable() async throws {
        let db = try TestDatabase()
        let names = try await db.store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(names == ["v1-shops", "v1-events", "v1-projections", "v2-shops-online-location", "v3-forecasts", "v4-replenishment", "v5-customer-value", "v6-recommendations", "v7-lifecycle", "v8-actions", "v9-risk", "v10-leader-leases", "v10-training-shards"])
        for table in ["shops", "events", "customer_value_runs", "customer_scores", "recommendation_runs", "recommendation_neighbours",
                      "recommendation_popular", "recommendation_rules", "recommendation_log", "model_versions", "model_aliases",
                      "model_alias_history", "model_proposals", "model_rollouts", "jobs", "prediction_log", "model_drift_reports",
                      "model_live_accuracy", "model_alerts", "action_proposals", "audit_log", "audit_heads", "shop_credentials",
                      "oauth_states", "backfill_checkpoints", "risk_assessments", "risk_models", "disputes", "leader_leases", "training_shards"] + SQLiteMigrations.projectionTables.map(\.name) {
            #expect(try await db.count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [table]) == 1)
        }
        let journal = try await db.store.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    /// PostgreSQL has the same migrations by name and the same tables with the same columns, so
    /// `storewise db copy` can move rows column for column.
    @Test func postgresHasTheSQLiteSchema() async throws {
        guard Backend.all.contains(.postgres) else { return }
        let sqlite = try TestDatabase()
        let postgres = try await ConformanceDatabase(.postgres)
        let sqliteNames = try await sqlite.store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        let names = try await PostgresMigrator.applied(postgres.postgres!)
        #expect(names == sqliteNames)
        let sqliteColumns = try await sqlite.store.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != 'grdb_migrations' ORDER BY 1
                """)
        }
        let postgresColumns = try await postgres.postgres!.rows("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name != 'schema_migrations' ORDER BY 1
            """).map { try $0.decode(String.self) }
        #expect(postgresColumns.sorted() == sqliteColumns.sorted())
        #expect(sqliteColumns.count > 300)
    }

    @Test(arguments: Backend.all) func createLookUpAndRejectDuplicateDomain(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let created = try await db.makeShop()
        #expect(created.id > 0)
        #expect(try await db.store.shop(domain: "demo.myshopify.com") == created)
        #expect(try await db.store.shop(id: created.id) == created)
        #expect(try await db.store.shop(apiTokenHash: "hash-demo.myshopify.com") == created)
        #expect(try await db.store.shop(domain: "other.myshopify.com") == nil)
        await #expect(throws: StorageError.duplicateShop(domain: "demo.myshopify.com")) {
            _ = try await db.makeShop()
        }
        let other = try await db.makeShop(domain: "other.myshopify.com")
        #expect(try await db.store.shops().map(\.id) == [created.id, other.id])

        try await db.store.setAPITokenHash(shopID: created.id, hash: "rotated")
        #expect(try await db.store.shop(apiTokenHash: "rotated")?.id == created.id)
        #expect(try await db.store.shop(apiTokenHash: "hash-demo.myshopify.com") == nil)
        try await db.store.markUninstalled(shopID: created.id, at: utc("2024-05-01T00:00:00Z"))
        #expect(try await db.store.shop(id: created.id)?.uninstalledAt == utc("2024-05-01T00:00:00Z"))
        await #expect(throws: StorageError.unknownShop(id: 999)) {
            try await db.store.markUninstalled(shopID: 999, at: .now)
        }
    }
}
