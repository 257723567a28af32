/// Baskets with the vocabularies that name their items and customers, as read from basket
/// lines (see `BasketLinesReader`) or built from a shop's orders.
public struct BasketData: Sendable {
    public var items: ItemVocabulary<String>
    public var customers: ItemVocabulary<String>
    /// Purchase baskets in the order they were first seen.
    public var baskets: [Basket]
    /// Lines read, lines that were returns or cancellations (left out of `baskets`), and
    /// baskets that held only such lines.
    public var lineCount = 0
    public var returnLineCount = 0
    public var cancelledBasketCount = 0

    public init(items: ItemVocabulary<String> = .init(), customers: ItemVocabulary<String> = .init(), baskets: [Basket] = []) {
        self.items = items
        self.customers = customers
        self.baskets = baskets
    }

    /// How many baskets hold each item (index order).
    public func basketCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: items.count)
        for basket in baskets { for item in basket.items { counts[Int(item)] += 1 } }
        return counts
    }

    /// Baskets before `time` and baskets at or after it; baskets without a time go first.
    public func split(at time: Int64) -> (train: [Basket], test: [Basket]) {
        var train: [Basket] = [], test: [Basket] = []
        for basket in baskets {
            if let t = basket.time, t >= time { test.append(basket) } else { train.append(basket) }
        }
        return (train, test)
    }
}
