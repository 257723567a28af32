import Foundation
import Storage
import Synchronization

/// Shops by domain, cached so the webhook hot path does not query the database for its secret.
///
/// A miss goes to the store, so a shop added by another process is found on its first webhook.
/// Unknown domains are not cached: a shop may be added at any time.
public final class ShopDirectory: Sendable {
    private let store: any ShopStore
    private let cache = Mutex<[String: ShopRecord]>([:])

    public init(store: any ShopStore) {
        self.store = store
    }

    /// The shop with `domain` (case-insensitive), or nil.
    public func shop(domain: String) async throws -> ShopRecord? {
        let key = domain.lowercased()
        if let hit = cache.withLock({ $0[key] }) { return hit }
        guard let record = try await store.shop(domain: key) else { return nil }
        cache.withLock { $0[key] = record }
        return record
    }

    /// Forgets a shop (after shop/redact or uninstall) so the next lookup reads the store.
    public func invalidate(domain: String) {
        _ = cache.withLock { $0.removeValue(forKey: domain.lowercased()) }
    }
}
