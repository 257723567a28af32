/// One entry of an item's precomputed neighbour list.
public struct Neighbour: Sendable, Equatable, Hashable {
    /// The recommended item (dense index).
    public var item: Int32
    /// Ranking score within the list (higher first); comparable only within one signal kind.
    public var score: Double
    /// The evidence behind it: baskets bought together, or customers who bought both.
    public var count: Int

    public init(item: Int32, score: Double, count: Int) {
        self.item = item; self.score = score; self.count = count
    }
}
