/// A trained recommendation model: precomputed neighbour lists per item for each item-to-item
/// signal, plus the shop-wide popular and trending lists used as fallbacks.
///
/// Immutable once built (see `RecommendationTrainer`), so serving reads it without locks.
/// Lists are best first and hold at most the configured number of neighbours.
public struct RecommendationModel: Sendable {
    /// Items are `0..<itemCount`.
    public var itemCount: Int
    /// Baskets the model was trained on.
    public var basketCount: Int
    /// Per item: items bought in the same basket (co-purchase lift with shrinkage).
    public var boughtTogether: [[Neighbour]]
    /// Per item: items bought by the same customers (similarity of purchase histories).
    public var alsoBought: [[Neighbour]]
    /// Per item: items of complementary product types or collections.
    public var completeTheLook: [[Neighbour]]
    /// Best sellers, best first; `count` is the number of baskets.
    public var popular: [Neighbour]
    /// Items selling faster recently than before, best first; `count` is recent baskets.
    public var trending: [Neighbour]

    public init(itemCount: Int, basketCount: Int, boughtTogether: [[Neighbour]], alsoBought: [[Neighbour]],
                completeTheLook: [[Neighbour]], popular: [Neighbour], trending: [Neighbour]) {
        precondition(boughtTogether.count == itemCount && alsoBought.count == itemCount && completeTheLook.count == itemCount,
                     "one neighbour list per item")
        self.itemCount = itemCount; self.basketCount = basketCount
        self.boughtTogether = boughtTogether; self.alsoBought = alsoBought; self.completeTheLook = completeTheLook
        self.popular = popular; self.trending = trending
    }

    /// An empty model over `itemCount` items.
    public init(itemCount: Int) {
        let empty = [[Neighbour]](repeating: [], count: itemCount)
        self.init(itemCount: itemCount, basketCount: 0, boughtTogether: empty, alsoBought: empty,
                  completeTheLook: empty, popular: [], trending: [])
    }

    /// The item's list for an item-to-item signal; empty for other kinds or unknown items.
    public func neighbours(of item: Int32, kind: SignalKind) -> [Neighbour] {
        guard item >= 0, Int(item) < itemCount else { return [] }
        switch kind {
        case .boughtTogether: return boughtTogether[Int(item)]
        case .alsoBought: return alsoBought[Int(item)]
        case .completeTheLook: return completeTheLook[Int(item)]
        default: return []
        }
    }
}
