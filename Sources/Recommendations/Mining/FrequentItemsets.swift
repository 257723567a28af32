/// The frequent itemsets of a set of baskets, as `FrequentItemsetMiner` found them, with the
/// count of every single item and a lookup of any itemset's count (for rule confidences).
///
/// Stored flat (one `Int32` array of items, one of offsets) so that mining allocates no array
/// per itemset; elements are made on access.
public struct FrequentItemsets: Sendable, RandomAccessCollection {
    /// Baskets mined (the denominator of support).
    public let basketCount: Int
    /// The count threshold that was applied (`count ≥ minCount`).
    public let minCount: Int
    /// Baskets holding each item, by item index (frequent or not).
    public let itemCounts: [Int]
    /// Items of all itemsets back to back, each itemset ascending.
    let items: [Int32]
    /// Start of itemset `i` in `items` is `starts[i]`, end `starts[i + 1]`.
    let starts: [Int32]
    let counts: [Int32]
    /// Open-addressing table of itemset indices (−1 empty), keyed by the itemset's items.
    private let table: [Int32]

    init(basketCount: Int, minCount: Int, itemCounts: [Int], items: [Int32], starts: [Int32], counts: [Int32]) {
        self.basketCount = basketCount
        self.minCount = minCount
        self.itemCounts = itemCounts
        self.items = items
        self.starts = starts
        self.counts = counts
        var size = 16
        while size < 2 * counts.count { size <<= 1 }
        var table = [Int32](repeating: -1, count: size)
        let mask = size - 1
        items.withUnsafeBufferPointer { items in
            for index in 0..<counts.count {
                let start = Int(starts[index]), end = Int(starts[index + 1])
                var slot = Self.hash(items, start, end, skipping: -1) & mask
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(index)
            }
        }
        self.table = table
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { counts.count }

    public subscript(position: Int) -> FrequentItemset {
        FrequentItemset(items: Array(items[Int(starts[position])..<Int(starts[position + 1])]), count: Int(counts[position]))
    }

    /// How many itemsets have each size: `[1: 157, 2: 2981, …]`.
    public func countsBySize() -> [Int: Int] {
        var result: [Int: Int] = [:]
        for index in 0..<counts.count { result[Int(starts[index + 1] - starts[index]), default: 0] += 1 }
        return result
    }

    /// The count of a frequent itemset (items in any order), or nil when it is not frequent.
    public func count(of itemset: [Int32]) -> Int? {
        let sorted = itemset.sorted()
        return sorted.withUnsafeBufferPointer { key in
            lookup(key, 0, key.count, skipping: -1).map { Int(counts[$0]) }
        }
    }

    /// Count of itemset `index` without its item at `position` (always frequent: every subset
    /// of a frequent itemset is).
    func countOfSubset(_ index: Int, skipping position: Int) -> Int {
        items.withUnsafeBufferPointer { items in
            let start = Int(starts[index])
            guard let found = lookup(items, start, Int(starts[index + 1]), skipping: start + position) else {
                preconditionFailure("a subset of a frequent itemset is missing")
            }
            return Int(counts[found])
        }
    }

    /// The index of the itemset equal to `key[start..<end]` without position `skip`.
    private func lookup(_ key: UnsafeBufferPointer<Int32>, _ start: Int, _ end: Int, skipping skip: Int) -> Int? {
        let mask = table.count - 1
        let length = end - start - (skip >= start && skip < end ? 1 : 0)
        var slot = Self.hash(key, start, end, skipping: skip) & mask
        return items.withUnsafeBufferPointer { items in
            while true {
                let candidate = Int(table[slot])
                if candidate < 0 { return nil }
                let cStart = Int(starts[candidate]), cEnd = Int(starts[candidate + 1])
                if cEnd - cStart == length {
                    var equal = true
                    var k = cStart
                    for i in start..<end where i != skip {
                        if items[k] != key[i] { equal = false; break }
                        k += 1
                    }
                    if equal { return candidate }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// A multiply-xorshift hash of the items in `start..<end` but `skip`.
    private static func hash(_ key: UnsafeBufferPointer<Int32>, _ start: Int, _ end: Int, skipping skip: Int) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in start..<end where i != skip {
            h = (h ^ UInt64(UInt32(bitPattern: key[i]))) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xC4CE_B9FE_1A85_EC53
        return Int(truncatingIfNeeded: h ^ (h >> 31))
    }
}
