/// One purchase occasion: the distinct items bought together in an order (or a POS sale),
/// with who bought it and when when those are known.
///
/// Items are dense indices (see `ItemVocabulary`), distinct and ascending, so pair counting
/// and itemset mining can walk them without sorting or de-duplicating again.
public struct Basket: Sendable, Equatable {
    /// The order's or invoice's own id.
    public var id: String
    /// Dense customer index, or nil for a guest basket.
    public var customer: Int32?
    /// Seconds since 1970-01-01 (UTC, or the data's wall clock when it has no zone), or nil.
    public var time: Int64?
    /// Distinct items, ascending.
    public var items: [Int32]

    /// A basket from items in any order, with repeats removed.
    public init(id: String, customer: Int32? = nil, time: Int64? = nil, items: some Sequence<Int32>) {
        self.id = id
        self.customer = customer
        self.time = time
        self.items = Array(Set(items)).sorted()
    }

    /// A basket whose items are already distinct and ascending (checked in debug builds).
    public init(id: String, customer: Int32?, time: Int64?, sortedItems: [Int32]) {
        assert(zip(sortedItems, sortedItems.dropFirst()).allSatisfy { $0 < $1 }, "items must be distinct and ascending")
        self.id = id
        self.customer = customer
        self.time = time
        self.items = sortedItems
    }

    public func contains(_ item: Int32) -> Bool {
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid] < item { low = mid + 1 } else { high = mid }
        }
        return low < items.count && items[low] == item
    }
}
