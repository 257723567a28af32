import ShopifyAdmin
import Testing

/// The bucket model against hand calculations (size 50, restore 10 points/s).
@Suite("Cost bucket")
struct CostBucketTests {
    let status = ThrottleStatus(maximumAvailable: 50, currentlyAvailable: 8, restoreRate: 10)

    @Test("unknown bucket never waits")
    func unknown() {
        var bucket = CostBucket()
        #expect(!bucket.isKnown)
        #expect(bucket.reserve(1_000, at: 5) == 0)
    }

    @Test("waits for the missing points at the restore rate")
    func waitsForMissingPoints() {
        var bucket = CostBucket()
        bucket.observe(status, at: 0)
        // 12 requested, 8 held: 4 missing at 10/s = 0.4 s.
        #expect(abs(bucket.reserve(12, at: 0) - 0.4) < 1e-9)
        // The level is now 8 − 12 = −4; at t = 0.4 it is 0, so the next 12 wait 12/10 = 1.2 s.
        #expect(abs(bucket.reserve(12, at: 0.4) - 1.2) < 1e-9)
    }

    @Test("restores up to the size, not beyond")
    func capsAtSize() {
        var bucket = CostBucket()
        bucket.observe(status, at: 0)
        // 8 + 3 s × 10 = 38 points at t = 3; 8 + 100 × 10 is capped at 50.
        #expect(abs(bucket.available(at: 3) - 38) < 1e-9)
        #expect(bucket.available(at: 100) == 50)
        #expect(bucket.waitTime(for: 50, at: 100) == 0)
        #expect(bucket.reserve(30, at: 3) == 0)
        #expect(abs(bucket.available(at: 3) - 8) < 1e-9)
    }

    @Test("Shopify's report replaces the model")
    func observeReplaces() {
        var bucket = CostBucket()
        bucket.observe(status, at: 0)
        bucket.reserve(40, at: 0)
        bucket.observe(ThrottleStatus(maximumAvailable: 2000, currentlyAvailable: 1928, restoreRate: 100), at: 1)
        #expect(bucket.available(at: 1) == 1928)
        // 1928 + 0.5 s × 100 = 1978.
        #expect(abs(bucket.available(at: 1.5) - 1978) < 1e-9)
    }
}
