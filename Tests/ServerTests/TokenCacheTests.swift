import Commerce
import Foundation
@testable import Server
import Storage
import Testing

/// The bearer-token cache: a token's shop is remembered for its time to live, no longer, and
/// the cache never grows past its capacity.
@Suite struct TokenCacheTests {
    let record = ShopRecord(id: 7, shop: Shop(domain: "cache.myshopify.com", name: "Cache", currency: "USD", timeZone: "UTC"),
                            webhookSecret: "s", apiTokenHash: APIToken.hash("t1"), createdAt: Date())

    @Test func remembersForItsTimeToLiveOnly() async throws {
        let cache = TokenCache(ttl: .milliseconds(100))
        #expect(cache.shop(for: "t1") == nil)
        cache.remember(record, for: "t1")
        #expect(cache.shop(for: "t1") == record)
        #expect(cache.shop(for: "t2") == nil)
        try await Task.sleep(for: .milliseconds(150))
        #expect(cache.shop(for: "t1") == nil)
    }

    @Test func staysWithinItsCapacity() {
        let cache = TokenCache(ttl: .seconds(60), capacity: 2)
        cache.remember(record, for: "a")
        cache.remember(record, for: "b")
        cache.remember(record, for: "c")  // full: cleared, then c
        #expect(cache.shop(for: "a") == nil && cache.shop(for: "b") == nil && cache.shop(for: "c") == record)
    }
}
