import Foundation
@testable import Storage
import Testing

/// `ShopCredentialStore` on both backends: sealed tokens per shop, and OAuth state nonces that work once.
@Suite struct ShopCredentialStoreTests {
    let t0 = utc("2024-05-01T09:00:00Z")

    @Test(arguments: Backend.all) func saveReplaceGetDelete(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        let store = database.store
        #expect(try await store.credential(shopID: shop.id) == nil)
        let first = ShopCredential(shopID: shop.id, sealedToken: Data([0, 1, 2, 255]), scopes: "read_orders,write_orders",
                                   installedAt: t0)
        try await store.saveCredential(first)
        #expect(try await store.credential(shopID: shop.id) == first)

        // A reinstall replaces the token and scopes.
        let second = ShopCredential(shopID: shop.id, sealedToken: Data(repeating: 7, count: 60),
                                    scopes: "read_orders,write_orders,read_products", installedAt: t0.addingTimeInterval(3600))
        try await store.saveCredential(second)
        #expect(try await store.credential(shopID: shop.id) == second)
        #expect(try await database.count("SELECT count(*) FROM shop_credentials") == 1)

        try await store.deleteCredential(shopID: shop.id)
        #expect(try await store.credential(shopID: shop.id) == nil)
        try await store.deleteCredential(shopID: shop.id)

        await #expect(throws: StorageError.unknownShop(id: 999)) {
            try await store.saveCredential(ShopCredential(shopID: 999, sealedToken: Data([1]), scopes: "", installedAt: t0))
        }
    }

    @Test(arguments: Backend.all) func oauthStateIsConsumedOnce(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let store = database.store
        let expires = t0.addingTimeInterval(600)
        try await store.saveOAuthState(nonce: "n-once", shopDomain: "demo.myshopify.com", expiresAt: expires)
        #expect(try await store.consumeOAuthState(nonce: "n-once", shopDomain: "demo.myshopify.com", now: t0))
        #expect(try await store.consumeOAuthState(nonce: "n-once", shopDomain: "demo.myshopify.com", now: t0) == false)
        #expect(try await store.consumeOAuthState(nonce: "never-issued", shopDomain: "demo.myshopify.com", now: t0) == false)
    }

    @Test(arguments: Backend.all) func concurrentConsumersOfOneStateOneWins(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let store = database.store
        try await store.saveOAuthState(nonce: "n-race", shopDomain: "demo.myshopify.com", expiresAt: t0.addingTimeInterval(600))
        let t0 = self.t0
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { try await store.consumeOAuthState(nonce: "n-race", shopDomain: "demo.myshopify.com", now: t0) }
            }
            var wins = 0
            for try await won in group where won { wins += 1 }
            return wins
        }
        #expect(wins == 1)
    }

    @Test(arguments: Backend.all) func oauthStateExpiredOrForAnotherShopIsRefusedAndGone(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let store = database.store
        let expires = t0.addingTimeInterval(600)
        try await store.saveOAuthState(nonce: "n-expired", shopDomain: "demo.myshopify.com", expiresAt: expires)
        #expect(try await store.consumeOAuthState(nonce: "n-expired", shopDomain: "demo.myshopify.com", now: expires) == false)

        try await store.saveOAuthState(nonce: "n-domain", shopDomain: "demo.myshopify.com", expiresAt: expires)
        #expect(try await store.consumeOAuthState(nonce: "n-domain", shopDomain: "evil.myshopify.com", now: t0) == false)
        // Refused attempts delete the nonce too: the right shop cannot use it afterwards.
        #expect(try await store.consumeOAuthState(nonce: "n-domain", shopDomain: "demo.myshopify.com", now: t0) == false)

        // Host names are case-insensitive.
        try await store.saveOAuthState(nonce: "n-case", shopDomain: "Demo.myshopify.com", expiresAt: expires)
        #expect(try await store.consumeOAuthState(nonce: "n-case", shopDomain: "demo.MYSHOPIFY.com", now: t0))

        // Consuming sweeps abandoned nonces that have expired.
        try await store.saveOAuthState(nonce: "n-abandoned", shopDomain: "demo.myshopify.com", expiresAt: t0)
        try await store.saveOAuthState(nonce: "n-live", shopDomain: "demo.myshopify.com", expiresAt: expires)
        _ = try await store.consumeOAuthState(nonce: "other", shopDomain: "demo.myshopify.com", now: t0.addingTimeInterval(1))
        #expect(try await database.count("SELECT count(*) FROM oauth_states") == 1)
        #expect(try await store.consumeOAuthState(nonce: "n-live", shopDomain: "demo.myshopify.com", now: t0.addingTimeInterval(1)))
    }
}
