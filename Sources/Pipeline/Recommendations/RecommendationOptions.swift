import Recommendations

/// How the recommendation job trains and the engine serves, from configuration (`recommendations.*`).
public struct RecommendationOptions: Sendable {
    /// The trainer's settings (neighbours per list, minimum co-purchases, shrinkage, similarity).
    public var training: RecommendationConfiguration
    /// How much each signal counts when blended.
    public var weights: BlendWeights
    /// At most this many products of one product type before other types have had their turn
    /// (0 = no cap), so a page does not show five mugs.
    public var maxPerProductType: Int
    /// Score × (1 + boost × margin) for products whose unit cost the merchant entered; 0 = off.
    public var marginBoost: Double
    /// Leave out what the shopper already bought unless a request says otherwise.
    public var excludePurchasedByDefault: Bool
    /// How often a server checks for a newer model version, and refreshes stock, in seconds.
    public var versionCheckSeconds: Double
    public var stockRefreshSeconds: Double
    /// Leave out of training and serving: products with these statuses (drafts, archived).
    public var hiddenStatuses: Set<String>
    /// Days served responses are kept in the log (0 keeps them all).
    public var logRetentionDays: Int = 90

    public init(training: RecommendationConfiguration = .init(), weights: BlendWeights = .standard, maxPerProductType: Int = 3,
                marginBoost: Double = 0.25, excludePurchasedByDefault: Bool = false, versionCheckSeconds: Double = 2,
                stockRefreshSeconds: Double = 15, hiddenStatuses: Set<String> = ["draft", "archived"]) {
        self.training = training; self.weights = weights; self.maxPerProductType = maxPerProductType
        self.marginBoost = marginBoost; self.excludePurchasedByDefault = excludePurchasedByDefault
        self.versionCheckSeconds = versionCheckSeconds; self.stockRefreshSeconds = stockRefreshSeconds
        self.hiddenStatuses = hiddenStatuses
    }
}
