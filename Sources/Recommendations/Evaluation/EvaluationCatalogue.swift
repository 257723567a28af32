/// The items a trained model can know (those sold in the training baskets) with their
/// training basket counts: the base of coverage, popularity bias and the popularity baseline.
public struct EvaluationCatalogue: Sendable, Equatable {
    /// Training baskets per item, for items `0..<itemCount` (0 = not in the catalogue).
    public let counts: [Int]
    /// Items with at least one training basket.
    public let size: Int
    /// Catalogue items, best seller first (ties to the lower index).
    public let bestSellers: [Int32]
    /// Whether the item is among the ⌈size / 10⌉ best sellers.
    public let isTopDecile: [Bool]

    public init(counts: [Int]) {
        self.counts = counts
        let sold = counts.indices.filter { counts[$0] > 0 }
        size = sold.count
        bestSellers = sold.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }.map { Int32($0) }
        var top = [Bool](repeating: false, count: counts.count)
        for item in bestSellers.prefix((size + 9) / 10) { top[Int(item)] = true }
        isTopDecile = top
    }

    /// Counts from `train` over `itemCount` items (the vocabulary's size, test-only items included at 0).
    public init(train: [Basket], itemCount: Int) {
        var counts = [Int](repeating: 0, count: itemCount)
        for basket in train { for item in basket.items { counts[Int(item)] += 1 } }
        self.init(counts: counts)
    }
}
