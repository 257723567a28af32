/// One held-out question put to every model: what it is given, what it must not show, and
/// what the shopper actually bought.
public struct EvaluationCase: Sendable, Equatable {
    /// The customer (next-basket task) or nil.
    public var customer: Int32?
    /// The items in view: the rest of the basket (bought-together task); empty otherwise.
    public var seeds: [Int32]
    /// The customer's purchases before the split (next-basket task); empty otherwise.
    public var history: [PurchasedItem]
    /// The time the question is asked (the split time), for recency.
    public var now: Int64?
    /// Items no model may show (the seeds), distinct and ascending.
    public var excluded: [Int32]
    /// What was bought, distinct and ascending; items never sold in training count as misses.
    public var relevant: [Int32]

    public init(customer: Int32? = nil, seeds: [Int32] = [], history: [PurchasedItem] = [], now: Int64? = nil,
                excluded: [Int32] = [], relevant: [Int32]) {
        self.customer = customer; self.seeds = seeds; self.history = history; self.now = now
        self.excluded = Array(Set(excluded)).sorted()
        self.relevant = Array(Set(relevant)).sorted()
    }

    /// Whether `item` may be shown in this case.
    public func allows(_ item: Int32) -> Bool { !RankingMetrics.contains(excluded, item) }
}
