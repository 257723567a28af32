/// What a recommendation is asked for: the items in view (seeds), the customer's history, and the time.
///
/// ```swift
/// let onPage = RecommendationRequest.product(42)
/// let addOns = RecommendationRequest.cart([3, 7], viewed: [12])
/// let picks = RecommendationRequest.customer(history: [PurchasedItem(item: 5, orders: 3, lastTime: t)], now: now)
/// ```
public struct RecommendationRequest: Sendable, Equatable {
    /// The product on the page, cart items and viewed items; never recommended themselves.
    public var seeds: [Seed]
    /// The customer's own purchases (neighbours of these count, and repeat items may be bought again).
    public var history: [PurchasedItem]
    /// Now (seconds since 1970) for recency of the history; nil treats every purchase as recent.
    public var now: Int64?

    public init(seeds: [Seed] = [], history: [PurchasedItem] = [], now: Int64? = nil) {
        self.seeds = seeds; self.history = history; self.now = now
    }

    /// The product page: one seed of weight `Seed.productWeight`.
    public static func product(_ item: Int32) -> RecommendationRequest {
        RecommendationRequest(seeds: [.product(item)])
    }

    /// The cart: its items at `Seed.cartWeight`, then items viewed in the session at `Seed.viewedWeight`.
    /// Repeats are dropped (an item both in the cart and viewed counts once, as a cart item).
    public static func cart(_ items: [Int32], viewed: [Int32] = []) -> RecommendationRequest {
        var seeds: [Seed] = []
        seeds.reserveCapacity(items.count + viewed.count)
        for item in items where !seeds.contains(where: { $0.item == item }) { seeds.append(.cart(item)) }
        for item in viewed where !seeds.contains(where: { $0.item == item }) { seeds.append(.viewed(item)) }
        return RecommendationRequest(seeds: seeds)
    }

    /// Personal picks: the customer's history, plus items viewed in the session as seeds.
    public static func customer(history: [PurchasedItem], viewed: [Int32] = [], now: Int64? = nil) -> RecommendationRequest {
        var seeds: [Seed] = []
        for item in viewed where !seeds.contains(where: { $0.item == item }) { seeds.append(.viewed(item)) }
        return RecommendationRequest(seeds: seeds, history: history, now: now)
    }
}
