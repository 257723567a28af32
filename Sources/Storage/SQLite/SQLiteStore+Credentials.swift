import Foundation
import GRDB

/// Offline tokens in `shop_credentials` and OAuth state nonces in `oauth_states` (v8).
/// Tokens arrive sealed (`ShopCredential.sealedToken`): this file never sees plaintext.
extension SQLiteStore: ShopCredentialStore {
    public func saveCredential(_ credential: ShopCredential) async throws {
        try await writer.write { db in
            try Self.requireShop(db, credential.shopID)
            try db.cachedStatement(sql: """
                INSERT INTO shop_credentials (shop_id, sealed_token, scopes, installed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (shop_id) DO UPDATE SET sealed_token = excluded.sealed_token, scopes = excluded.scopes,
                    installed_at = excluded.installed_at
                """).execute(arguments: [credential.shopID, credential.sealedToken, credential.scopes,
                                         credential.installedAt.storageMilliseconds])
        }
    }

    public func credential(shopID: Int64) async throws -> ShopCredential? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT sealed_token, scopes, installed_at FROM shop_credentials WHERE shop_id = ?
                """), arguments: [shopID]) else { return nil }
            return ShopCredential(shopID: shopID, sealedToken: row["sealed_token"], scopes: row["scopes"],
                                  installedAt: row.date("installed_at") ?? Date(timeIntervalSince1970: 0))
        }
    }

    public func deleteCredential(shopID: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM shop_credentials WHERE shop_id = ?", arguments: [shopID])
        }
    }

    public func saveOAuthState(nonce: String, shopDomain: String, expiresAt: Date) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO oauth_states (nonce, shop_domain, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (nonce) DO UPDATE SET shop_domain = excluded.shop_domain, expires_at = excluded.expires_at
                """).execute(arguments: [nonce, shopDomain.lowercased(), expiresAt.storageMilliseconds])
        }
    }

    public func consumeOAuthState(nonce: String, shopDomain: String, now: Date) async throws -> Bool {
        let nowMilliseconds = now.storageMilliseconds
        return try await writer.write { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT shop_domain, expires_at FROM oauth_states WHERE nonce = ?"),
                                       arguments: [nonce])
            try db.cachedStatement(sql: "DELETE FROM oauth_states WHERE nonce = ?").execute(arguments: [nonce])
            // Abandoned installs leave nonces behind: every consumption sweeps the expired ones.
            try db.cachedStatement(sql: "DELETE FROM oauth_states WHERE expires_at <= ?").execute(arguments: [nowMilliseconds])
            guard let row else { return false }
            let domain: String = row["shop_domain"]
            let expiresAt: Int64 = row["expires_at"]
            // Shopify shop domains are case-insensitive hosts.
            return domain == shopDomain.lowercased() && expiresAt > nowMilliseconds
        }
    }
}
