/// Settings of `RecommendationTrainer`.
public struct RecommendationConfiguration: Sendable, Equatable {
    /// Neighbours kept per item and list (default 30).
    public var neighbours: Int
    /// Pairs bought together (or customers shared) fewer times are ignored (default 2): one
    /// coincidence is not a pattern.
    public var minimumCoPurchases: Int
    /// λ in the shrunk lift `lift · n_ab / (n_ab + λ)` (default 5; see `AssociationScore`).
    public var shrinkage: Double
    /// Similarity for "customers also bought" (default cosine).
    public var similarity: SimilarityMeasure
    /// BM25 saturation k1 (default 1.2, the usual text-retrieval value).
    public var bm25K1: Double
    /// BM25 length normalisation b in 0…1 (default 0.75; 0 turns it off, 1 divides by length fully).
    public var bm25B: Double
    /// Only a customer's most recent this many distinct items (by first purchase) pair with each
    /// other (default 200), so one huge customer cannot blow up the work.
    public var historyCap: Int
    /// Trending compares the last `trendingWindow` seconds up to the newest basket with the window
    /// before it (default 28 days).
    public var trendingWindow: Int64
    /// Pseudo-count added to both windows' sales (default 5), so 3 sales of a new item (8/5 = 1.6)
    /// do not beat 100 against 50 (105/55 = 1.9).
    public var trendingSmoothing: Double
    /// Items sold fewer times in the recent window are not trending (default 3).
    public var trendingMinimum: Int
    /// Length of the shop-wide popular and trending lists (default 100).
    public var shopListLength: Int
    /// Complete the look draws from this many complementary groups (default 3).
    public var complementGroups: Int
    /// Threads for `model()` (default 2; 1 runs on the caller's thread).
    public var threads: Int

    public init(neighbours: Int = 30, minimumCoPurchases: Int = 2, shrinkage: Double = 5,
                similarity: SimilarityMeasure = .cosine, bm25K1: Double = 1.2, bm25B: Double = 0.75,
                historyCap: Int = 200, trendingWindow: Int64 = 28 * 86_400, trendingSmoothing: Double = 5,
                trendingMinimum: Int = 3, shopListLength: Int = 100, complementGroups: Int = 3, threads: Int = 2) {
        self.neighbours = neighbours; self.minimumCoPurchases = minimumCoPurchases; self.shrinkage = shrinkage
        self.similarity = similarity; self.bm25K1 = bm25K1; self.bm25B = bm25B; self.historyCap = historyCap
        self.trendingWindow = trendingWindow; self.trendingSmoothing = trendingSmoothing
        self.trendingMinimum = trendingMinimum; self.shopListLength = shopListLength
        self.complementGroups = complementGroups; self.threads = threads
    }
}
