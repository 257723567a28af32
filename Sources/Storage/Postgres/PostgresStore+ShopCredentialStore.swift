import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: ShopCredentialStore {
    public func saveCredential(_ credential: ShopCredential) async throws {
        throw PostgresStoreError.notImplemented("ShopCredentialStore.saveCredential")
    }

    public func credential(shopID: Int64) async throws -> ShopCredential? {
        throw PostgresStoreError.notImplemented("ShopCredentialStore.credential")
    }

    public func deleteCredential(shopID: Int64) async throws {
        throw PostgresStoreError.notImplemented("ShopCredentialStore.deleteCredential")
    }

    public func saveOAuthState(nonce: String, shopDomain: String, expiresAt: Date) async throws {
        throw PostgresStoreError.notImplemented("ShopCredentialStore.saveOAuthState")
    }

    public func consumeOAuthState(nonce: String, shopDomain: String, now: Date) async throws -> Bool {
        throw PostgresStoreError.notImplemented("ShopCredentialStore.consumeOAuthState")
    }
}
