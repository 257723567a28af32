/// Finds every itemset that at least a minimum number of baskets hold.
///
/// The algorithm is LCM-style depth-first search with occurrence delivery (Uno, Kiyomi &
/// Arimura, "LCM ver. 2", FIMI 2004): items below the threshold are dropped, the rest are
/// ranked rarest first, and each basket becomes a run of ranks in one flat `Int32` array. An
/// itemset is represented by the positions of its last item in the baskets that hold it; one
/// scan over the tails after those positions counts every one-item extension, a second scan
/// delivers the positions of the frequent extensions, and the search recurses into each.
/// Nothing is hashed and no candidate is generated that no basket supports.
///
/// Minimum support is `count ≥ minSupport × baskets`, decided in integers (0.001 of 9,835
/// Groceries baskets is 9.835, so 10 — arules' rule, not its printed "9").
///
/// ```swift
/// let itemsets = try FrequentItemsetMiner(minSupport: 0.001).mine(data.baskets, itemCount: data.items.count)
/// itemsets.countsBySize()   // [1: 157, 2: 2981, 3: 6831, 4: 3137, 5: 376, 6: 10]
/// ```
public struct FrequentItemsetMiner: Sendable {
    /// Either a fraction of the baskets or an absolute count.
    public enum MinimumSupport: Sendable, Equatable {
        case fraction(Double)
        case count(Int)
    }

    public var minimumSupport: MinimumSupport
    /// Longest itemset to find, or nil for no limit.
    public var maxLength: Int?

    /// A miner keeping itemsets in at least `minSupport` (0 < minSupport ≤ 1) of the baskets.
    public init(minSupport: Double, maxLength: Int? = nil) throws(MiningParameterError) {
        guard minSupport > 0, minSupport <= 1 else {
            throw MiningParameterError(parameter: "minSupport", reason: "must be in (0, 1], got \(minSupport)")
        }
        try self.init(.fraction(minSupport), maxLength: maxLength)
    }

    /// A miner keeping itemsets in at least `minCount` (≥ 1) baskets.
    public init(minCount: Int, maxLength: Int? = nil) throws(MiningParameterError) {
        guard minCount >= 1 else {
            throw MiningParameterError(parameter: "minCount", reason: "must be at least 1, got \(minCount)")
        }
        try self.init(.count(minCount), maxLength: maxLength)
    }

    private init(_ minimumSupport: MinimumSupport, maxLength: Int?) throws(MiningParameterError) {
        if let maxLength, maxLength < 1 {
            throw MiningParameterError(parameter: "maxLength", reason: "must be at least 1, got \(maxLength)")
        }
        self.minimumSupport = minimumSupport
        self.maxLength = maxLength
    }

    /// The count threshold for `basketCount` baskets (at least 1).
    public func minimumCount(basketCount: Int) -> Int {
        switch minimumSupport {
        case .count(let count): return count
        case .fraction(let fraction): return max(1, Threshold.minimumCount(fraction, of: basketCount))
        }
    }

    /// The frequent itemsets of the baskets; every item must be in `0..<itemCount`.
    public func mine(_ baskets: [Basket], itemCount: Int) -> FrequentItemsets {
        mine(count: baskets.count, itemCount: itemCount) { baskets[$0].items }
    }

    /// The frequent itemsets of item lists (each distinct; any order); items in `0..<itemCount`.
    public func mine(itemLists: [[Int32]], itemCount: Int) -> FrequentItemsets {
        mine(count: itemLists.count, itemCount: itemCount) { itemLists[$0] }
    }

    private func mine(count basketCount: Int, itemCount: Int, items basket: (Int) -> [Int32]) -> FrequentItemsets {
        let minCount = minimumCount(basketCount: basketCount)
        var itemCounts = [Int](repeating: 0, count: itemCount)
        var total = 0
        for b in 0..<basketCount {
            let items = basket(b)
            total += items.count
            for item in items { itemCounts[Int(item)] += 1 }
        }
        // Rarest first: an itemset's extensions are then the more common items, and the
        // baskets holding a rare prefix are few.
        let frequent = (0..<itemCount).filter { itemCounts[$0] >= minCount }
            .sorted { (itemCounts[$0], $0) < (itemCounts[$1], $1) }
        var rank = [Int32](repeating: -1, count: itemCount)
        for (r, item) in frequent.enumerated() { rank[item] = Int32(r) }

        // Baskets as runs of ascending ranks, each run preceded and followed by −1; an empty
        // prefix "occurs" at the −1 before each run.
        var flat: [Int32] = [-1]
        flat.reserveCapacity(total + basketCount + 1)
        var roots: [Int32] = []
        for b in 0..<basketCount {
            let start = flat.count
            for item in basket(b) where rank[Int(item)] >= 0 { flat.append(rank[Int(item)]) }
            if flat.count == start { continue }
            flat[start...].sort()
            roots.append(Int32(start - 1))
            flat.append(-1)
        }

        let search = Search(rankToItem: frequent.map(Int32.init), minCount: minCount, maxLength: maxLength ?? Int.max)
        flat.withUnsafeBufferPointer { flat in
            roots.withUnsafeBufferPointer { search.expand(baskets: flat.baseAddress!, occurrences: $0.baseAddress!, count: $0.count, depth: 0) }
        }
        return FrequentItemsets(
            basketCount: basketCount, minCount: minCount, itemCounts: itemCounts,
            items: search.outItems, starts: search.outStarts, counts: search.outCounts)
    }
}

/// One depth's buffers, reused by the nodes of that depth one after another: the reduced
/// baskets handed to the children, the children's occurrence positions in them, and the
/// frequent extensions (ranks; their counts `m` further on; their delivered occurrences `2m` on).
private final class DepthBuffers {
    var baskets: UnsafeMutablePointer<Int32>
    var basketCapacity = 0
    var occurrences: UnsafeMutablePointer<Int32>
    var occurrenceCapacity = 0
    let found: UnsafeMutablePointer<Int32>

    init(itemCount m: Int) {
        baskets = .allocate(capacity: 1)
        occurrences = .allocate(capacity: 1)
        found = .allocate(capacity: 3 * max(m, 1))
    }

    func reserve(baskets b: Int, occurrences o: Int) {
        if b > basketCapacity { baskets.deallocate(); basketCapacity = 2 * b; baskets = .allocate(capacity: basketCapacity) }
        if o > occurrenceCapacity { occurrences.deallocate(); occurrenceCapacity = 2 * o; occurrences = .allocate(capacity: occurrenceCapacity) }
    }

    deinit { baskets.deallocate(); occurrences.deallocate(); found.deallocate() }
}

/// The depth-first search. `counts`/`cursors`/`touched` are shared by all nodes and reset
/// after each use; inner loops touch only local pointers.
private final class Search {
    let rankToItem: [Int32]
    let m: Int
    let minCount: Int32
    let maxLength: Int
    let counts: UnsafeMutablePointer<Int32>
    let cursors: UnsafeMutablePointer<Int32>
    let touched: UnsafeMutablePointer<Int32>
    let prefix: UnsafeMutablePointer<Int32>
    let scratch: UnsafeMutablePointer<Int32>
    var depths: [DepthBuffers] = []
    var outItems: [Int32] = []
    var outStarts: [Int32] = [0]
    var outCounts: [Int32] = []

    init(rankToItem: [Int32], minCount: Int, maxLength: Int) {
        self.rankToItem = rankToItem
        m = rankToItem.count
        self.minCount = Int32(clamping: minCount)
        self.maxLength = maxLength
        let size = max(m, 1) + 1
        counts = .allocate(capacity: size); counts.initialize(repeating: 0, count: size)
        cursors = .allocate(capacity: size); cursors.initialize(repeating: -1, count: size)
        touched = .allocate(capacity: size)
        prefix = .allocate(capacity: size)
        scratch = .allocate(capacity: size)
    }

    deinit { counts.deallocate(); cursors.deallocate(); touched.deallocate(); prefix.deallocate(); scratch.deallocate() }

    /// Finds the frequent extensions of the `depth` items in `prefix`, which end at the
    /// `occurrences` positions of `baskets` (runs of ranks between −1 separators).
    func expand(baskets: UnsafePointer<Int32>, occurrences: UnsafePointer<Int32>, count occurrenceCount: Int, depth: Int) {
        let counts = self.counts, cursors = self.cursors, touched = self.touched
        // Pass 1: count every item after the prefix's last item in the baskets holding it.
        var touchedCount = 0
        for k in 0..<occurrenceCount {
            var q = Int(occurrences[k]) + 1
            while true {
                let j = Int(baskets[q])
                if j < 0 { break }
                if counts[j] == 0 { touched[touchedCount] = Int32(j); touchedCount += 1 }
                counts[j] += 1
                q += 1
            }
        }
        if depth == depths.count { depths.append(DepthBuffers(itemCount: m)) }
        let buffers = depths[depth]
        let found = buffers.found, foundCounts = buffers.found + m, foundDelivered = buffers.found + 2 * m
        var foundCount = 0
        for t in 0..<touchedCount where counts[Int(touched[t])] >= minCount {
            found[foundCount] = touched[t]; foundCount += 1
        }
        var sorting = UnsafeMutableBufferPointer(start: found, count: foundCount)
        sorting.sort()
        // A child's extensions are frequent extensions of this node ranked after its own item,
        // so with fewer than two there are no grandchildren.
        let deeper = depth + 1 < maxLength && foundCount >= 2
        var total = 0
        for f in 0..<foundCount {
            let j = Int(found[f])
            foundCounts[f] = counts[j]
            cursors[j] = Int32(total)
            total += Int(counts[j])
        }
        if deeper {
            // Pass 2: copy each basket's tail reduced to the frequent extensions (LCM's
            // database reduction), and deliver each extension's position in the copy.
            buffers.reserve(baskets: total + occurrenceCount + 1, occurrences: total)
            let reduced = buffers.baskets, delivered = buffers.occurrences
            reduced[0] = -1
            var w = 1
            for k in 0..<occurrenceCount {
                var q = Int(occurrences[k]) + 1
                let begin = w
                while true {
                    let j = Int(baskets[q])
                    if j < 0 { break }
                    let c = Int(cursors[j])
                    if c >= 0 {
                        reduced[w] = Int32(j)
                        delivered[c] = Int32(w)
                        cursors[j] = Int32(c + 1)
                        w += 1
                    }
                    q += 1
                }
                if w > begin {
                    // The last item's occurrence has an empty tail: take it back, so the
                    // child does not scan it (its count is already known).
                    cursors[Int(reduced[w - 1])] -= 1
                    reduced[w] = -1; w += 1
                }
            }
            var start: Int32 = 0
            for f in 0..<foundCount {
                foundDelivered[f] = cursors[Int(found[f])] - start
                start += foundCounts[f]
            }
        }
        for t in 0..<touchedCount {
            let j = Int(touched[t])
            counts[j] = 0; cursors[j] = -1
        }
        var offset = 0
        for f in 0..<foundCount {
            let j = found[f]
            let count = Int(foundCounts[f])
            prefix[depth] = j
            emit(length: depth + 1, count: Int32(count))
            if deeper && f < foundCount - 1 && foundDelivered[f] > 0 {
                expand(baskets: buffers.baskets, occurrences: buffers.occurrences + offset, count: Int(foundDelivered[f]), depth: depth + 1)
            }
            offset += count
        }
    }

    /// Records the first `length` ranks of `prefix` as item ids, ascending.
    private func emit(length: Int, count: Int32) {
        // Insertion sort: itemsets are short, and sorting a slice of `outItems` would copy it.
        let sorted = scratch
        for d in 0..<length {
            let item = rankToItem[Int(prefix[d])]
            var i = d
            while i > 0, sorted[i - 1] > item { sorted[i] = sorted[i - 1]; i -= 1 }
            sorted[i] = item
        }
        outItems.append(contentsOf: UnsafeBufferPointer(start: sorted, count: length))
        outStarts.append(Int32(outItems.count))
        outCounts.append(count)
    }
}
