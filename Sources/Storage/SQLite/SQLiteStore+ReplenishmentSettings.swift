import Foundation
import GRDB

/// Scoped replenishment settings in the `replenishment_settings` table (v4): one row per shop,
/// scope and key, the overrides as JSON so a new field needs no migration.
extension SQLiteStore {
    public func replenishmentSettings(shopID: Int64) async throws -> [ReplenishmentSetting] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT scope, key, overrides, updated_at FROM replenishment_settings WHERE shop_id = ? ORDER BY scope, key
                """, arguments: [shopID]).compactMap { row -> ReplenishmentSetting? in
                // A row whose scope or JSON no longer decodes (written by a newer version) is skipped
                // rather than failing every plan of the shop.
                guard let scope = SettingsScope(rawValue: row["scope"]),
                      let overrides = JSONColumn.decode(ReplenishmentOverrides.self, row["overrides"]) else { return nil }
                return ReplenishmentSetting(scope: scope, key: row["key"], overrides: overrides,
                                            updatedAt: row.date("updated_at") ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    public func saveReplenishmentSetting(shopID: Int64, _ setting: ReplenishmentSetting) async throws {
        try setting.validate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(setting.overrides), as: UTF8.self)
        try await writer.write { db in
            try Self.requireShop(db, shopID)
            try db.execute(sql: """
                INSERT INTO replenishment_settings (shop_id, scope, key, overrides, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (shop_id, scope, key) DO UPDATE SET overrides = excluded.overrides, updated_at = excluded.updated_at
                """, arguments: [shopID, setting.scope.rawValue, setting.key, json, setting.updatedAt.storageMilliseconds])
        }
    }

    @discardableResult
    public func deleteReplenishmentSetting(shopID: Int64, scope: SettingsScope, key: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM replenishment_settings WHERE shop_id = ? AND scope = ? AND key = ?",
                           arguments: [shopID, scope.rawValue, key])
            return db.changesCount > 0
        }
    }

    /// Throws `StorageError.unknownShop` unless the shop exists.
    static func requireShop(_ db: Database, _ shopID: Int64) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM shops WHERE id = ?)", arguments: [shopID]) == true else {
            throw StorageError.unknownShop(id: shopID)
        }
    }
}
