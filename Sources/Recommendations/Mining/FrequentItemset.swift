/// A set of items that at least a minimum number of baskets hold, with that number.
public struct FrequentItemset: Sendable, Hashable {
    /// Distinct items, ascending.
    public var items: [Int32]
    /// Baskets that hold every item of the set.
    public var count: Int

    public init(items: [Int32], count: Int) {
        self.items = items
        self.count = count
    }
}
