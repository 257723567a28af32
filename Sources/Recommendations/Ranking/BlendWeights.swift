/// How much each signal counts when blending, applied to list scores normalised to 0…1.
///
/// Co-purchase in the same basket is the most direct evidence for "goes with this", so it leads;
/// shared customers are broader and weaker; type-level complements are a hint. Trending and
/// popular are fallbacks: their weights are tiny so they only order the fill-up.
///
/// Buy again is 6, so a customer's own repeat items come before neighbours of their history:
/// chosen on a validation split of Online Retail (train before 2011-08-01, next baskets in
/// August and September; the test months were not looked at) where HR@10 of the next basket
/// rose from 0.676 (0.8, items bought twice or more) to 0.737 (0.8, every bought item),
/// 0.753 (3) and 0.775 (6), flat after (12: 0.776). Shops of durable goods turn it down or set
/// `MerchantRules.excludePurchased`, which drops those items altogether.
public struct BlendWeights: Sendable, Equatable {
    public var boughtTogether: Double
    public var alsoBought: Double
    public var completeTheLook: Double
    public var buyAgain: Double
    public var trending: Double
    public var popular: Double

    public init(boughtTogether: Double = 1, alsoBought: Double = 0.6, completeTheLook: Double = 0.25,
                buyAgain: Double = 6, trending: Double = 0.002, popular: Double = 0.001) {
        self.boughtTogether = boughtTogether; self.alsoBought = alsoBought; self.completeTheLook = completeTheLook
        self.buyAgain = buyAgain; self.trending = trending; self.popular = popular
    }

    /// The defaults above.
    public static let standard = BlendWeights()

    /// The weight of a signal; `.pinned` has none (pins bypass blending).
    public subscript(kind: SignalKind) -> Double {
        get {
            switch kind {
            case .boughtTogether: boughtTogether
            case .alsoBought: alsoBought
            case .completeTheLook: completeTheLook
            case .buyAgain: buyAgain
            case .trending: trending
            case .popular: popular
            case .pinned: 0
            }
        }
        set {
            switch kind {
            case .boughtTogether: boughtTogether = newValue
            case .alsoBought: alsoBought = newValue
            case .completeTheLook: completeTheLook = newValue
            case .buyAgain: buyAgain = newValue
            case .trending: trending = newValue
            case .popular: popular = newValue
            case .pinned: break
            }
        }
    }
}
