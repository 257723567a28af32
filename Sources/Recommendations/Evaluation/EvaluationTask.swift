/// The two held-out tasks of the offline evaluation, built from a time split of baskets.
///
/// ```swift
/// let (train, test) = data.split(at: BasketLinesReader.parseTime("2011-10-01")!)
/// let cases = EvaluationTask.boughtTogether.cases(train: train, test: test, now: split)
/// ```
public enum EvaluationTask: String, Sendable, CaseIterable {
    /// "Customers also bought" / personal picks: each test customer with at least one training
    /// basket; relevant = the items of their first basket at or after the split; input = their
    /// training history (items with order counts and last times). Repeat purchases count as hits:
    /// re-ordering is what Online Retail's many wholesale customers do.
    case nextBasket = "next-basket"
    /// "Customers also bought" in the strict sense: as `nextBasket`, but only the items the
    /// customer never bought before the split are relevant, and the customer's past items are
    /// excluded for every model (customers whose first test basket holds only repeats are left out).
    case newItems = "new-items"
    /// "Frequently bought together": each test basket with at least 2 items; one item is hidden
    /// (index = `EvaluationRandom(seed:)` next value mod basket size, baskets in data order) and
    /// predicted from the rest, which no model may show.
    case boughtTogether = "bought-together"

    /// The default seed of the hidden-item draw.
    public static let defaultSeed: UInt64 = 20_111_001

    /// The task's cases; `now` is the time the questions are asked (the split time).
    public func cases(train: [Basket], test: [Basket], now: Int64?, seed: UInt64 = defaultSeed) -> [EvaluationCase] {
        switch self {
        case .nextBasket: return Self.nextBasketCases(train: train, test: test, now: now)
        case .newItems:
            return Self.nextBasketCases(train: train, test: test, now: now).compactMap { c in
                let past = c.history.map(\.item).sorted()
                let fresh = c.relevant.filter { !RankingMetrics.contains(past, $0) }
                guard !fresh.isEmpty else { return nil }
                return EvaluationCase(customer: c.customer, history: c.history, now: c.now, excluded: past, relevant: fresh)
            }
        case .boughtTogether: return Self.boughtTogetherCases(test: test, now: now, seed: seed)
        }
    }

    /// Cases in ascending customer index.
    static func nextBasketCases(train: [Basket], test: [Basket], now: Int64?) -> [EvaluationCase] {
        // The first test basket per customer: earliest time, ties to the first in data order.
        var first: [Int32: Int] = [:]
        for (index, basket) in test.enumerated() {
            guard let customer = basket.customer else { continue }
            if let current = first[customer] {
                let t = basket.time ?? .max, tc = test[current].time ?? .max
                if t < tc { first[customer] = index }
            } else {
                first[customer] = index
            }
        }
        // Training purchases of those customers as (customer, item, time), sorted to aggregate.
        var rows: [(customer: Int32, item: Int32, time: Int64?)] = []
        for basket in train {
            guard let customer = basket.customer, first[customer] != nil else { continue }
            for item in basket.items { rows.append((customer, item, basket.time)) }
        }
        rows.sort { ($0.customer, $0.item) < ($1.customer, $1.item) }
        var cases: [EvaluationCase] = []
        var start = 0
        while start < rows.count {
            let customer = rows[start].customer
            var history: [PurchasedItem] = []
            var i = start
            while i < rows.count, rows[i].customer == customer {
                let item = rows[i].item
                var orders = 0
                var last: Int64?
                while i < rows.count, rows[i].customer == customer, rows[i].item == item {
                    orders += 1
                    if let t = rows[i].time { last = max(last ?? t, t) }
                    i += 1
                }
                history.append(PurchasedItem(item: item, orders: orders, lastTime: last))
            }
            cases.append(EvaluationCase(customer: customer, history: history, now: now, relevant: test[first[customer]!].items))
            start = i
        }
        return cases
    }

    static func boughtTogetherCases(test: [Basket], now: Int64?, seed: UInt64) -> [EvaluationCase] {
        var random = EvaluationRandom(seed: seed)
        var cases: [EvaluationCase] = []
        for basket in test where basket.items.count >= 2 {
            let hidden = random.index(below: basket.items.count)
            var rest = basket.items
            let item = rest.remove(at: hidden)
            cases.append(EvaluationCase(customer: basket.customer, seeds: rest, now: now, excluded: rest, relevant: [item]))
        }
        return cases
    }
}
