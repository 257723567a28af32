import Commerce
import Foundation
import PostgresNIO

extension PostgresStore: ShopStore {
    public func createShop(_ shop: Shop, webhookSecret: String, apiTokenHash: String, at: Date) async throws -> ShopRecord {
        let id: Int64?
        do {
            id = try await scalar("""
                INSERT INTO shops (domain, shopify_id, name, currency, time_zone, webhook_secret, api_token_hash, created_at,
                    online_location_id)
                VALUES (\(shop.domain), \(shop.id), \(shop.name), \(shop.currency), \(shop.timeZone), \(webhookSecret),
                    \(apiTokenHash), \(at.storageMilliseconds), \(shop.onlineLocationID))
                ON CONFLICT (domain) DO NOTHING
                RETURNING id
                """)
        } catch let error as PSQLError where error.isUniqueViolation {
            throw StorageError.duplicateShop(domain: shop.domain)
        }
        guard let id else { throw StorageError.duplicateShop(domain: shop.domain) }
        return ShopRecord(id: id, shop: shop, webhookSecret: webhookSecret, apiTokenHash: apiTokenHash,
                          createdAt: Date(storageMilliseconds: at.storageMilliseconds))
    }

    public func shop(domain: String) async throws -> ShopRecord? {
        try await fetchShops(rows("SELECT \(unescaped: Self.shopColumns) FROM shops WHERE domain = \(domain)")).first
    }

    public func shop(id: Int64) async throws -> ShopRecord? {
        try await fetchShops(rows("SELECT \(unescaped: Self.shopColumns) FROM shops WHERE id = \(id)")).first
    }

    public func shop(apiTokenHash: String) async throws -> ShopRecord? {
        try await fetchShops(rows("SELECT \(unescaped: Self.shopColumns) FROM shops WHERE api_token_hash = \(apiTokenHash) ORDER BY id")).first
    }

    public func shops() async throws -> [ShopRecord] {
        try await fetchShops(rows("SELECT \(unescaped: Self.shopColumns) FROM shops ORDER BY id"))
    }

    public func setAPITokenHash(shopID: Int64, hash: String) async throws {
        let changed = try await rows("UPDATE shops SET api_token_hash = \(hash) WHERE id = \(shopID) RETURNING id")
        if changed.isEmpty { throw StorageError.unknownShop(id: shopID) }
    }

    public func markUninstalled(shopID: Int64, at: Date) async throws {
        let changed = try await rows("UPDATE shops SET uninstalled_at = \(at.storageMilliseconds) WHERE id = \(shopID) RETURNING id")
        if changed.isEmpty { throw StorageError.unknownShop(id: shopID) }
    }

    static let shopColumns = """
        id, shopify_id, domain, name, currency, time_zone, online_location_id, webhook_secret, api_token_hash, created_at, uninstalled_at
        """

    private func fetchShops(_ rows: [PostgresRow]) throws -> [ShopRecord] {
        try rows.map { row in
            let (id, shopifyID, domain, name, currency, zone, online, secret, hash, created, uninstalled) =
                try row.decode((Int64, Int64?, String, String, String, String, Int64?, String, String, Int64, Int64?).self)
            return ShopRecord(
                id: id,
                shop: Shop(id: shopifyID, domain: domain, name: name, currency: currency, timeZone: zone, onlineLocationID: online),
                webhookSecret: secret, apiTokenHash: hash, createdAt: Date(storageMilliseconds: created),
                uninstalledAt: uninstalled.map(Date.init(storageMilliseconds:)))
        }
    }
}
