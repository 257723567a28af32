import Foundation

/// A shop's offline Admin API token, sealed (AES-GCM) by `ShopifyAdmin.TokenCipher`: the store never sees plaintext.
public struct ShopCredential: Sendable, Hashable, Codable {
    public var shopID: Int64
    /// AES-GCM combined box (nonce ‖ ciphertext ‖ tag).
    public var sealedToken: Data
    /// Granted scopes, comma-separated as Shopify returns them.
    public var scopes: String
    public var installedAt: Date

    public init(shopID: Int64, sealedToken: Data, scopes: String, installedAt: Date) {
        self.shopID = shopID; self.sealedToken = sealedToken; self.scopes = scopes; self.installedAt = installedAt
    }
}

/// Offline tokens and OAuth state nonces.
public protocol ShopCredentialStore: Sendable {
    func saveCredential(_ credential: ShopCredential) async throws
    func credential(shopID: Int64) async throws -> ShopCredential?
    func deleteCredential(shopID: Int64) async throws
    /// Remembers an OAuth `state` nonce issued for a shop domain until `expiresAt`.
    func saveOAuthState(nonce: String, shopDomain: String, expiresAt: Date) async throws
    /// True once for a known, unexpired nonce issued to that domain; the nonce is deleted either way.
    func consumeOAuthState(nonce: String, shopDomain: String, now: Date) async throws -> Bool
}
