/// How much each signal counts when blending, applied to list scores normalised to 0…1.
///
/// Co-purchase in the same basket is the most direct evidence for "goes with this", so it leads;
/// shared customers are broader and weaker; type-level complements are a hint. Trending and
/// popular are fallbacks: their weights are tiny so they only order the fill-up.
public struct BlendWeights: Sendable, Equatable {
    public var boughtTogether: Double
    public var alsoBought: Double
    public var completeTheLook: Double
    public var buyAgain: Double
    public var trending: Double
    public var popular: Double

    public init(boughtTogether: Double = 1, alsoBought: Double = 0.6, completeTheLook: Double = 0.25,
                buyAgain: Double = 0.8, trending: Double = 0.002, popular: Double = 0.001) {
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
