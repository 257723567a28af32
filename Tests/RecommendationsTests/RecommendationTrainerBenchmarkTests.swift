import Foundation
import Testing
@testable import Recommendations

/// A timing print at the scale of the precompute benchmark (1M orders, 50k products); runs only
/// with STOREWISE_SIGNALS_BENCH=1 because it takes seconds.
@Suite("Recommendation trainer timing")
struct RecommendationTrainerBenchmarkTests {
    @Test("1M synthetic baskets of 1–5 items over 50k items, 200k customers (printed, not asserted)")
    func scale() {
        guard ProcessInfo.processInfo.environment["STOREWISE_SIGNALS_BENCH"] == "1" else { return }
        // Skewed item choice: item = 50,000 · u³ puts a quarter of sales on the first 0.8 % of items.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var baskets: [Basket] = []
        baskets.reserveCapacity(1_000_000)
        for i in 0..<1_000_000 {
            let size = 1 + Int(next() * 5)
            let items = (0..<size).map { _ in Int32(min(49_999, 50_000 * pow(next(), 3))) }
            baskets.append(Basket(id: "", customer: Int32(next() * 200_000), time: Int64(i) * 30, items: items))
        }
        let clock = ContinuousClock()
        let start = clock.now
        var trainer = RecommendationTrainer(configuration: .init(threads: 2))
        for basket in baskets { trainer.add(basket) }
        let added = clock.now
        var groups = [Int32](repeating: -1, count: 50_000)
        for i in groups.indices { groups[i] = Int32(i % 40) }
        trainer.setGroups(groups)
        let model = trainer.model()
        let built = clock.now
        _ = trainer.takeTouchedItems()
        for basket in baskets.prefix(1_000) { trainer.add(basket) }
        let touched = trainer.takeTouchedItems()
        for kind in [SignalKind.boughtTogether, .alsoBought, .completeTheLook] { _ = trainer.neighbours(of: touched, kind: kind) }
        print("TIMING trainer 1M baskets / 50k items: add \(added - start), model() \(built - added) (\(model.itemCount) items, \(trainer.counts.storedPairs) pair slots); 1,000 more baskets touch \(touched.count) items, their lists \(clock.now - built)")
    }
}
