import Commerce
import Foundation
import GRDB

extension SQLiteStore: ShopStore {
    public func createShop(_ shop: Shop, webhookSecret: String, apiTokenHash: String, at: Date) async throws -> ShopRecord {
        do {
            return try await writer.write { db in
                let id = try Int64.fetchOne(db, sql: """
                    INSERT INTO shops (domain, shopify_id, name, currency, time_zone, webhook_secret, api_token_hash, created_at,
                        online_location_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """, arguments: [
                        shop.domain, shop.id, shop.name, shop.currency, shop.timeZone, webhookSecret, apiTokenHash,
                        at.storageMilliseconds, shop.onlineLocationID,
                    ])
                guard let id else { throw StorageError.duplicateShop(domain: shop.domain) }
                return ShopRecord(id: id, shop: shop, webhookSecret: webhookSecret, apiTokenHash: apiTokenHash,
                                  createdAt: Date(storageMilliseconds: at.storageMilliseconds))
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StorageError.duplicateShop(domain: shop.domain)
        }
    }

    public func shop(domain: String) async throws -> ShopRecord? {
        try await fetchShops("WHERE domain = ?", [domain]).first
    }

    public func shop(id: Int64) async throws -> ShopRecord? {
        try await fetchShops("WHERE id = ?", [id]).first
    }

    public func shop(apiTokenHash: String) async throws -> ShopRecord? {
        try await fetchShops("WHERE api_token_hash = ?", [apiTokenHash]).first
    }

    public func shops() async throws -> [ShopRecord] {
        try await fetchShops("", [])
    }

    public func setAPITokenHash(shopID: Int64, hash: String) async throws {
        try await updateShop("UPDATE shops SET api_token_hash = ? WHERE id = ?", [hash, shopID], shopID: shopID)
    }

    public func markUninstalled(shopID: Int64, at: Date) async throws {
        try await updateShop("UPDATE shops SET uninstalled_at = ? WHERE id = ?", [at.storageMilliseconds, shopID], shopID: shopID)
    }

    private func updateShop(_ sql: String, _ arguments: StatementArguments, shopID: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: sql, arguments: arguments)
            if db.changesCount == 0 { throw StorageError.unknownShop(id: shopID) }
        }
    }

    private func fetchShops(_ whereClause: String, _ arguments: StatementArguments) async throws -> [ShopRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM shops \(whereClause) ORDER BY id", arguments: arguments).map { row in
                ShopRecord(
                    id: row["id"],
                    shop: Shop(id: row["shopify_id"], domain: row["domain"], name: row["name"],
                               currency: row["currency"], timeZone: row["time_zone"],
                               onlineLocationID: row["online_location_id"]),
                    webhookSecret: row["webhook_secret"], apiTokenHash: row["api_token_hash"],
                    createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0),
                    uninstalledAt: row.date("uninstalled_at"))
            }
        }
    }
}
