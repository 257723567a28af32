import Foundation

/// Shopify's leaky bucket of query cost points: holds up to `size`, refills at `restoreRate` per second.
struct FakeLeakyBucket: Sendable {
    let size: Double
    let restoreRate: Double
    private(set) var available: Double
    private var updatedAt: Date

    init(size: Double, restoreRate: Double, now: Date = Date()) {
        self.size = size; self.restoreRate = restoreRate; available = size; updatedAt = now
    }

    /// Refills for the time passed since the last call.
    mutating func refill(now: Date) {
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        available = min(size, available + elapsed * restoreRate)
        updatedAt = now
    }

    /// Takes `cost` points if the bucket holds them (after refilling); false means THROTTLED.
    mutating func take(_ cost: Int, now: Date) -> Bool {
        refill(now: now)
        guard Double(cost) <= available else { return false }
        available -= Double(cost)
        return true
    }

    /// Gives back what was requested but not used (requested − actual), as Shopify does after a query.
    mutating func refund(_ points: Int) {
        available = min(size, available + Double(max(0, points)))
    }
}
