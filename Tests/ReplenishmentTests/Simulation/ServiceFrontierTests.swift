import Replenishment
import Testing

@Suite("ServiceFrontier")
struct ServiceFrontierTests {
    /// Points (100, 0.90), (140, 0.96), (200, 0.99) given out of order.
    /// At 120: 0.90 + (0.96 − 0.90) × 20 / 40 = 0.93. At 170: 0.96 + 0.03 × 30 / 60 = 0.975.
    /// Inverse at 0.93: 100 + 40 × 0.03 / 0.06 = 120. Outside [100, 200] or [0.90, 0.99]: nil.
    @Test func interpolatesBothWays() throws {
        let f = ServiceFrontier([(inventory: 200, fillRate: 0.99), (inventory: 100, fillRate: 0.90), (inventory: 140, fillRate: 0.96)])
        #expect(abs(try #require(f.fillRate(atInventory: 120)) - 0.93) < 1e-12)
        #expect(abs(try #require(f.fillRate(atInventory: 170)) - 0.975) < 1e-12)
        #expect(f.fillRate(atInventory: 100) == 0.90)
        #expect(abs(try #require(f.inventory(atFillRate: 0.93)) - 120) < 1e-9)
        #expect(f.fillRate(atInventory: 99) == nil)
        #expect(f.fillRate(atInventory: 201) == nil)
        #expect(f.inventory(atFillRate: 0.995) == nil)
    }
}
