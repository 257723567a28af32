import Testing
@testable import Recommendations

@Suite("Offline evaluator and baselines")
struct OfflineEvaluatorTests {
    // Ten catalogue items (item 1 never sold in training). Best sellers: 5 (8), 9 (6), 0 (5),
    // 8 (4), 2 (3), 3 (3), 6 (2), 7 (2), 4 (1), 10 (1); the top 10 % is ⌈10 / 10⌉ = 1 item: 5.
    let catalogue = EvaluationCatalogue(counts: [5, 0, 3, 3, 1, 8, 2, 2, 4, 6, 1])
    let cases = [
        EvaluationCase(excluded: [5], relevant: [0]),
        EvaluationCase(relevant: [2, 3]),
    ]

    @Test("Catalogue: size, best-seller order with ties to the lower index, top decile")
    func catalogueShape() {
        #expect(catalogue.size == 10)
        #expect(catalogue.bestSellers == [5, 9, 0, 8, 2, 3, 6, 7, 4, 10])
        #expect(catalogue.isTopDecile.indices.filter { catalogue.isTopDecile[$0] } == [5])
        let fromBaskets = EvaluationCatalogue(train: [Basket(id: "a", items: [0, 2]), Basket(id: "b", items: [2])], itemCount: 4)
        #expect(fromBaskets.counts == [1, 0, 2, 0])
        #expect(fromBaskets.size == 2)
    }

    @Test("Popularity at k = 2: hand-computed means, coverage and popularity bias")
    func popularity() {
        let evaluator = OfflineEvaluator(catalogue: catalogue, k: 2)
        let baseline = PopularityBaseline(catalogue)
        // Case 1 (5 excluded): [9, 0], hit at position 2. Case 2: [5, 9], no hit.
        #expect(baseline.recommend(cases[0], limit: 2) == [9, 0])
        #expect(baseline.recommend(cases[1], limit: 2) == [5, 9])
        let r = evaluator.evaluate("Popularity", cases) { baseline.recommend($0, limit: 2) }
        #expect(r.cases == 2)
        #expect(r.mean.hit == 0.5)
        #expect(r.mean.precision == 0.25)       // (1/2 + 0) / 2
        #expect(r.mean.recall == 0.5)           // (1 + 0) / 2
        #expect(abs(r.mean.ndcg - 0.315_464_876_785_729) < 1e-12)  // (1/log2(3) + 0) / 2
        #expect(r.mean.reciprocalRank == 0.25)  // (1/2 + 0) / 2
        #expect(r.coverage == 0.3)              // {9, 0, 5} of 10
        #expect(r.meanPopularity == 6.25)       // (6 + 5 + 8 + 6) / 4
        #expect(r.topDecileShare == 0.25)       // item 5 once in 4
        #expect(r.shown == 4)
        #expect(r.violations == 0)
    }

    @Test("Only the first k items are scored; excluded items shown are counted as violations")
    func truncationAndViolations() {
        let evaluator = OfflineEvaluator(catalogue: catalogue, k: 1)
        let r = evaluator.evaluate("Bad", cases) { _ in [5, 0, 2] }
        #expect(r.shown == 2)
        #expect(r.violations == 1)
        #expect(r.mean.hit == 0)
        #expect(r.mean.reciprocalRank == 0)
    }

    @Test("Random: distinct allowed catalogue items, the same for the same seed")
    func random() {
        var a = RandomBaseline(catalogue, seed: 3), b = RandomBaseline(catalogue, seed: 3)
        let testCase = EvaluationCase(excluded: [5, 9], relevant: [0])
        for _ in 0..<50 {
            let list = a.recommend(testCase, limit: 4)
            #expect(list == b.recommend(testCase, limit: 4))
            #expect(list.count == 4)
            #expect(Set(list).count == 4)
            #expect(list.allSatisfy { catalogue.counts[Int($0)] > 0 && $0 != 5 && $0 != 9 })
        }
        // Asking for more than is allowed gives all 8 allowed items.
        #expect(Set(a.recommend(testCase, limit: 20)) == [0, 2, 3, 4, 6, 7, 8, 10])
    }

    @Test("Random: every catalogue item is drawn about equally often at k = 1")
    func randomUniform() {
        var baseline = RandomBaseline(catalogue, seed: 11)
        var counts = [Int](repeating: 0, count: 11)
        let draws = 20_000
        for _ in 0..<draws { counts[Int(baseline.recommend(EvaluationCase(relevant: [0]), limit: 1)[0])] += 1 }
        // Expected 2,000 each; ±10 % is over 7 standard deviations (σ = √(20,000 · 0.1 · 0.9) ≈ 42).
        for item in catalogue.bestSellers { #expect(abs(counts[Int(item)] - 2_000) < 200) }
        #expect(counts[1] == 0)
    }
}
