import Storage

/// A product's recommendations for the dashboard: what each signal proposes and why, the
/// merchant's rules on it, and what its product page serves now.
public struct ProductRecommendationDetail: Sendable {
    public var product: RecommendableProduct
    /// Per signal (bought together, also bought, complete the look), the precomputed list.
    public var lists: [(kind: String, neighbours: [ExplainedNeighbour])]
    /// Pins and blocks on this product's page, then those on every page.
    public var rules: [RecommendationRule]
    public var globalRules: [RecommendationRule]
    /// What `GET …/products/{id}` returns now, rules and stock applied.
    public var shown: [RecommendedProduct]
    public var modelVersion: String
}

/// One entry of a precomputed list, named.
public struct ExplainedNeighbour: Sendable {
    public var product: RecommendableProduct
    public var score: Double
    public var evidence: Int
    public var reason: String
    /// Whether the product could be shown now (in stock, not blocked here or everywhere).
    public var servable: Bool
}

/// The recommendations overview: the latest version and a page of products with their top
/// bought-together items.
public struct RecommendationOverview: Sendable {
    public var latestRun: RecommendationRun?
    public var loggedResponses: Int
    public var rows: [Row]
    /// Products matching the search before paging.
    public var total: Int
    public var globalRules: [RecommendationRule]

    public struct Row: Sendable {
        public var product: RecommendableProduct
        public var topBoughtTogether: [String]
        /// Neighbours per signal kind (`bought_together` …).
        public var listSizes: [String: Int]
        public var pins: Int
        public var blocks: Int
    }
}
