/// Basket counts for "bought together": how many baskets there are, how many hold each item, and
/// how many hold each pair of items, kept up to date one basket at a time.
///
/// Pairs are stored on both sides, per item in a small open-addressing table of
/// `(partner: Int32, count: Int32)`, so a list is read without touching other items and the whole
/// thing stays a few flat arrays per item. Items may grow: a basket with an item index at or past
/// `itemCount` extends the counts.
///
/// ```swift
/// var counts = CoPurchaseCounts()
/// counts.add([0, 1, 2])
/// counts.add([1, 2])
/// counts.pairCount(1, 2)   // 2
/// counts.remove([1, 2])    // a cancelled order
/// ```
public struct CoPurchaseCounts: Sendable {
    /// Baskets counted (added minus removed).
    public private(set) var basketCount = 0
    /// Baskets holding each item, by item index.
    public private(set) var itemBaskets: [Int32] = []
    private var tables: [PartnerTable] = []

    public init() {}

    /// Items are `0..<itemCount`.
    public var itemCount: Int { itemBaskets.count }

    /// Makes room for items `0..<count` (never shrinks).
    public mutating func reserveItems(_ count: Int) {
        guard count > itemBaskets.count else { return }
        itemBaskets.append(contentsOf: repeatElement(0, count: count - itemBaskets.count))
        tables.append(contentsOf: repeatElement(PartnerTable(), count: count - tables.count))
    }

    /// Counts one basket of distinct items (any order; negative indices are ignored).
    public mutating func add(_ items: [Int32]) { apply(items, 1) }

    /// Takes back one basket counted before (a cancelled or deleted order). Counts never go below 0.
    public mutating func remove(_ items: [Int32]) { apply(items, -1) }

    private mutating func apply(_ items: [Int32], _ delta: Int32) {
        var top: Int32 = -1
        for item in items where item > top { top = item }
        reserveItems(Int(top) + 1)
        basketCount = max(0, basketCount + Int(delta))
        for (i, a) in items.enumerated() where a >= 0 {
            itemBaskets[Int(a)] = max(0, itemBaskets[Int(a)] + delta)
            for b in items[(i + 1)...] where b >= 0 && b != a {
                tables[Int(a)].add(b, delta)
                tables[Int(b)].add(a, delta)
            }
        }
    }

    /// Baskets holding `item` (0 for unknown items).
    public func basketCount(of item: Int32) -> Int {
        item >= 0 && Int(item) < itemBaskets.count ? Int(itemBaskets[Int(item)]) : 0
    }

    /// Baskets holding both items (0 for unknown items or `a == b`).
    public func pairCount(_ a: Int32, _ b: Int32) -> Int {
        guard a != b, a >= 0, b >= 0, Int(a) < tables.count, Int(b) < tables.count else { return 0 }
        // Probe the smaller table: the same count is stored on both sides.
        let (x, y) = tables[Int(a)].occupied <= tables[Int(b)].occupied ? (a, b) : (b, a)
        return Int(tables[Int(x)].count(of: y))
    }

    /// Items bought with `item` at least once, with the number of baskets, ascending by item.
    public func partners(of item: Int32) -> [(item: Int32, count: Int)] {
        var result: [(item: Int32, count: Int)] = []
        forEachPartner(of: item) { result.append(($0, Int($1))) }
        result.sort { $0.item < $1.item }
        return result
    }

    /// Calls `body(partner, baskets)` for each item bought with `item`, in no particular order.
    @inlinable
    public func forEachPartner(of item: Int32, _ body: (Int32, Int32) -> Void) {
        guard item >= 0, Int(item) < itemCount else { return }
        forEachPartnerUnchecked(Int(item), body)
    }

    @usableFromInline
    func forEachPartnerUnchecked(_ item: Int, _ body: (Int32, Int32) -> Void) {
        tables[item].forEach(body)
    }

    /// Stored pairs (both sides, including pairs whose count fell to 0), for memory reports.
    public var storedPairs: Int { tables.reduce(0) { $0 + $1.occupied } }
}
