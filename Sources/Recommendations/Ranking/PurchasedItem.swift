/// An item in the customer's own purchase history.
public struct PurchasedItem: Sendable, Equatable, Hashable {
    /// Dense item index.
    public var item: Int32
    /// Orders (baskets) of the customer that contained it; at least 1.
    public var orders: Int
    /// When it was last bought (seconds since 1970), or nil when unknown.
    public var lastTime: Int64?

    public init(item: Int32, orders: Int, lastTime: Int64? = nil) {
        self.item = item; self.orders = orders; self.lastTime = lastTime
    }
}

extension PurchasedItem {
    /// A customer's history from their baskets: per item, the baskets containing it and the latest
    /// basket time (nil when none of them has a time). Ordered by item index.
    ///
    /// ```swift
    /// let request = RecommendationRequest.customer(history: .history(from: pastBaskets), now: cutoff)
    /// ```
    public static func history(from baskets: some Sequence<Basket>) -> [PurchasedItem] {
        // (item, time) pairs sorted once: no dictionary, and the result comes out ordered.
        var lines: [(item: Int32, time: Int64?)] = []
        for basket in baskets { for item in basket.items { lines.append((item, basket.time)) } }
        lines.sort { $0.item < $1.item }
        var result: [PurchasedItem] = []
        for line in lines {
            if let last = result.last, last.item == line.item {
                result[result.count - 1].orders += 1
                if let t = line.time, t > (last.lastTime ?? .min) { result[result.count - 1].lastTime = t }
            } else {
                result.append(PurchasedItem(item: line.item, orders: 1, lastTime: line.time))
            }
        }
        return result
    }
}
