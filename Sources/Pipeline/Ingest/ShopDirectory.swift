import Foundation
import Storage
import Synchronization

/// Shops by domain, cached so the webhook hot path does not query the database for its secret.
///
/// A miss goes to the store, so a shop added by another process is found on its first webhook.
/// Unknown domains are not cached: a shop may be added at any time. Several `serve` replicas share
/// one database, so a hit is trusted for at most `maxAge` (5 s by default): an uninstall, a
/// shop/redact or a reinstall with a new secret done through another replica reaches this one
/// within that bound. A signature that fails against a cached secret is checked once more against
/// the store (`shop(domain:fresh:)`), so a rotated secret costs no refused delivery.
public final class ShopDirectory: Sendable {
    private let store: any ShopStore
    private let maxAge: Duration
    private let cache = Mutex<[String: (record: ShopRecord, at: ContinuousClock.Instant)]>([:])

    public init(store: any ShopStore, maxAge: Duration = .seconds(5)) {
        self.store = store
        self.maxAge = maxAge
    }

    /// The shop with `domain` (case-insensitive), or nil. `fresh` skips the cache.
    public func shop(domain: String, fresh: Bool = false) async throws -> ShopRecord? {
        let key = domain.lowercased()
        let now = ContinuousClock.now
        if !fresh, let hit = cache.withLock({ $0[key] }), now - hit.at < maxAge { return hit.record }
        guard let record = try await store.shop(domain: key) else {
            invalidate(domain: key)
            return nil
        }
        cache.withLock { $0[key] = (record, now) }
        return record
    }

    /// Forgets a shop (after shop/redact or uninstall) so the next lookup reads the store.
    public func invalidate(domain: String) {
        _ = cache.withLock { $0.removeValue(forKey: domain.lowercased()) }
    }
}
