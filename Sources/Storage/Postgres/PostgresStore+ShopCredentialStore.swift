import Foundation
import PostgresNIO

/// Offline tokens in `shop_credentials` and OAuth state nonces in `oauth_states`.
/// Tokens arrive sealed (`ShopCredential.sealedToken`): this file never sees plaintext.
extension PostgresStore: ShopCredentialStore {
    public func saveCredential(_ credential: ShopCredential) async throws {
        try await transaction { connection in
            try await connection.ensureShopExists(credential.shopID, logger: logger)
            // An upsert: two replicas finishing one reinstall at once both succeed, the later wins.
            try await connection.execute("""
                INSERT INTO shop_credentials (shop_id, sealed_token, scopes, installed_at)
                VALUES (\(credential.shopID), \(credential.sealedToken), \(credential.scopes), \(credential.installedAt.storageMilliseconds))
                ON CONFLICT (shop_id) DO UPDATE SET sealed_token = excluded.sealed_token, scopes = excluded.scopes,
                    installed_at = excluded.installed_at
                """, logger: logger)
        }
    }

    public func credential(shopID: Int64) async throws -> ShopCredential? {
        guard let row = try await rows("""
            SELECT sealed_token, scopes, installed_at FROM shop_credentials WHERE shop_id = \(shopID)
            """).first else { return nil }
        let (token, scopes, installedAt) = try row.decode((Data, String, Int64).self)
        return ShopCredential(shopID: shopID, sealedToken: token, scopes: scopes, installedAt: Date(storageMilliseconds: installedAt))
    }

    public func deleteCredential(shopID: Int64) async throws {
        try await execute("DELETE FROM shop_credentials WHERE shop_id = \(shopID)")
    }

    public func saveOAuthState(nonce: String, shopDomain: String, expiresAt: Date) async throws {
        try await execute("""
            INSERT INTO oauth_states (nonce, shop_domain, expires_at) VALUES (\(nonce), \(shopDomain.lowercased()), \(expiresAt.storageMilliseconds))
            ON CONFLICT (nonce) DO UPDATE SET shop_domain = excluded.shop_domain, expires_at = excluded.expires_at
            """)
    }

    public func consumeOAuthState(nonce: String, shopDomain: String, now: Date) async throws -> Bool {
        let nowMilliseconds = now.storageMilliseconds
        return try await transaction { connection in
            // Exactly once across replicas: the DELETE returns the row to one caller only; a
            // concurrent consumer of the same nonce waits on the row lock and then deletes nothing.
            let row = try await connection.rows("""
                DELETE FROM oauth_states WHERE nonce = \(nonce) RETURNING shop_domain, expires_at
                """, logger: logger).first
            // Abandoned installs leave nonces behind: every consumption sweeps the expired ones.
            try await connection.execute("DELETE FROM oauth_states WHERE expires_at <= \(nowMilliseconds)", logger: logger)
            guard let row else { return false }
            let (domain, expiresAt) = try row.decode((String, Int64).self)
            // Shopify shop domains are case-insensitive hosts.
            return domain == shopDomain.lowercased() && expiresAt > nowMilliseconds
        }
    }
}
