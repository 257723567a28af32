/// One model's results on one task: mean top-k metrics over the cases, catalogue coverage and
/// popularity bias.
public struct ModelEvaluation: Sendable, Equatable {
    /// The model's name in tables ("Storewise", "Popularity", "Random").
    public var model: String
    public var k: Int
    public var cases: Int
    /// Means over the cases (HR@k, precision@k, recall@k, NDCG@k, MRR).
    public var mean: RankingMetrics
    /// Distinct items recommended over all cases / items in the catalogue.
    public var coverage: Double
    /// Mean training basket count of the recommended items (every shown item counts once per case).
    public var meanPopularity: Double
    /// Share of the shown items among the catalogue's 10 % best sellers.
    public var topDecileShare: Double
    /// Items shown, over all cases (lists may be shorter than k).
    public var shown: Int
    /// Shown items that the case excluded (must be 0; a check of the harness and of the model).
    public var violations: Int

    public init(model: String, k: Int, cases: Int, mean: RankingMetrics, coverage: Double, meanPopularity: Double,
                topDecileShare: Double, shown: Int, violations: Int) {
        self.model = model; self.k = k; self.cases = cases; self.mean = mean; self.coverage = coverage
        self.meanPopularity = meanPopularity; self.topDecileShare = topDecileShare
        self.shown = shown; self.violations = violations
    }
}
