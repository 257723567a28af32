/// Scores models on held-out cases with the same k, the same exclusions and the same catalogue.
///
/// The catalogue is what was sold in the training baskets (the items any trained model can
/// know); coverage and popularity are measured against it. The 10 % best sellers are the
/// ⌈catalogue / 10⌉ items with the most training baskets, ties to the lower item index.
///
/// ```swift
/// let evaluator = OfflineEvaluator(train: train, itemCount: data.items.count, k: 10)
/// var popular = PopularityBaseline(evaluator.catalogue)
/// let result = evaluator.evaluate("Popularity", cases) { popular.recommend($0, limit: 10) }
/// ```
public struct OfflineEvaluator: Sendable {
    public let catalogue: EvaluationCatalogue
    public let k: Int

    public init(catalogue: EvaluationCatalogue, k: Int) {
        precondition(k > 0, "k must be positive")
        self.catalogue = catalogue; self.k = k
    }

    public init(train: [Basket], itemCount: Int, k: Int) {
        self.init(catalogue: EvaluationCatalogue(train: train, itemCount: itemCount), k: k)
    }

    /// Asks `recommend` for each case (best first; only the first k items are scored) and
    /// averages; `progress(done, total)` is called every 256 cases and at the end.
    public func evaluate(_ model: String, _ cases: [EvaluationCase],
                         progress: ((Int, Int) -> Void)? = nil,
                         recommend: (EvaluationCase) -> [Int32]) -> ModelEvaluation {
        var sum = RankingMetrics.zero
        var recommended = [Bool](repeating: false, count: catalogue.counts.count)
        var shown = 0, violations = 0, popularity = 0.0, topShown = 0
        for (index, testCase) in cases.enumerated() {
            let list = Array(recommend(testCase).prefix(k))
            let m = RankingMetrics(ranked: list, relevant: testCase.relevant, k: k)
            sum.hit += m.hit; sum.precision += m.precision; sum.recall += m.recall
            sum.ndcg += m.ndcg; sum.reciprocalRank += m.reciprocalRank
            for item in list {
                shown += 1
                if !testCase.allows(item) { violations += 1 }
                guard item >= 0, Int(item) < recommended.count else { continue }
                recommended[Int(item)] = true
                popularity += Double(catalogue.counts[Int(item)])
                if catalogue.isTopDecile[Int(item)] { topShown += 1 }
            }
            if let progress, (index + 1) % 256 == 0 || index + 1 == cases.count { progress(index + 1, cases.count) }
        }
        let n = Double(max(cases.count, 1))
        let mean = RankingMetrics(hit: sum.hit / n, precision: sum.precision / n, recall: sum.recall / n,
                                  ndcg: sum.ndcg / n, reciprocalRank: sum.reciprocalRank / n)
        var distinctInCatalogue = 0
        for item in 0..<recommended.count where recommended[item] && catalogue.counts[item] > 0 { distinctInCatalogue += 1 }
        return ModelEvaluation(
            model: model, k: k, cases: cases.count, mean: mean,
            coverage: catalogue.size > 0 ? Double(distinctInCatalogue) / Double(catalogue.size) : 0,
            meanPopularity: shown > 0 ? popularity / Double(shown) : 0,
            topDecileShare: shown > 0 ? Double(topShown) / Double(shown) : 0,
            shown: shown, violations: violations)
    }
}
