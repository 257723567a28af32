import AsyncHTTPClient
import Commerce
import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Testing

@Suite("Credential Admin client provider")
struct CredentialAdminClientProviderTests {
    let key = Data(repeating: 3, count: 32)

    func shop(_ store: SQLiteStore, _ domain: String) async throws -> ShopRecord {
        try await store.createShop(Shop(domain: domain, name: domain, currency: "USD", timeZone: "UTC"), webhookSecret: "secret-0123456789",
                                   apiTokenHash: String(repeating: "a", count: 64) + domain, at: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test("One cached client per shop with the opened token and the configured version and base URL; a new token replaces it")
    func cacheAndRotation() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cipher = try TokenCipher(keyData: key)
        let a = try await shop(store, "a-shop.myshopify.com")
        let b = try await shop(store, "b-shop.myshopify.com")
        let installed = Date(timeIntervalSince1970: 1_700_000_100)
        try await store.saveCredential(ShopCredential(shopID: a.id, sealedToken: try cipher.seal("shpat_a1"), scopes: "read_orders", installedAt: installed))
        try await store.saveCredential(ShopCredential(shopID: b.id, sealedToken: try cipher.seal("shpat_b"), scopes: "read_orders", installedAt: installed))
        let fake = URL(string: "http://127.0.0.1:1")!
        let provider = CredentialAdminClientProvider(shops: store, credentials: store, cipher: cipher, httpClient: .shared,
                                                     apiVersion: "2026-04", baseURL: fake)
        let first = try await provider.client(shopID: a.id)
        #expect(first.endpoint == AdminEndpoint(shopDomain: "a-shop.myshopify.com", accessToken: "shpat_a1", apiVersion: "2026-04", baseURL: fake))
        #expect(try await provider.client(shopID: a.id) === first)
        #expect(try await provider.client(shopID: b.id).endpoint.accessToken == "shpat_b")
        // Installing again stores a new token: the next call builds a new client with it.
        try await store.saveCredential(ShopCredential(shopID: a.id, sealedToken: try cipher.seal("shpat_a2"), scopes: "read_orders", installedAt: installed))
        let second = try await provider.client(shopID: a.id)
        #expect(second !== first && second.endpoint.accessToken == "shpat_a2")
    }

    @Test("No token, an unknown shop, an uninstalled shop, a token sealed with another key: errors say what to do")
    func errors() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cipher = try TokenCipher(keyData: key)
        let record = try await shop(store, "c-shop.myshopify.com")
        let provider = CredentialAdminClientProvider(shops: store, credentials: store, cipher: cipher, httpClient: .shared)
        await #expect(throws: AdminCredentialError.noToken(shop: "c-shop.myshopify.com")) { try await provider.client(shopID: record.id) }
        #expect(AdminCredentialError.noToken(shop: "c-shop.myshopify.com").description.contains("GET /shopify/install"))
        await #expect(throws: AdminCredentialError.unknownShop(shopID: 999)) { try await provider.client(shopID: 999) }

        let other = try TokenCipher(keyData: Data(repeating: 4, count: 32))
        try await store.saveCredential(ShopCredential(shopID: record.id, sealedToken: try other.seal("shpat_c"), scopes: "", installedAt: Date(timeIntervalSince1970: 1_700_000_100)))
        await #expect(throws: AdminCredentialError.self) { try await provider.client(shopID: record.id) }

        try await store.saveCredential(ShopCredential(shopID: record.id, sealedToken: try cipher.seal("shpat_c"), scopes: "", installedAt: Date(timeIntervalSince1970: 1_700_000_100)))
        #expect(try await provider.client(shopID: record.id).endpoint.accessToken == "shpat_c")
        try await store.markUninstalled(shopID: record.id, at: Date(timeIntervalSince1970: 1_700_000_200))
        await #expect(throws: AdminCredentialError.uninstalled(shop: "c-shop.myshopify.com")) { try await provider.client(shopID: record.id) }
        // Installed again after the uninstall: the newer token is used.
        try await store.saveCredential(ShopCredential(shopID: record.id, sealedToken: try cipher.seal("shpat_c2"), scopes: "", installedAt: Date(timeIntervalSince1970: 1_700_000_300)))
        #expect(try await provider.client(shopID: record.id).endpoint.accessToken == "shpat_c2")
    }
}
