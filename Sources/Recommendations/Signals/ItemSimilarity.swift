/// "Customers who bought this also bought": item-to-item similarity of customers' purchase
/// histories (customer × item, bought or not), kept up to date one purchase at a time.
///
/// A customer's history is their distinct items in order of first purchase; only the most recent
/// `historyCap` of them (the window) count, so a wholesaler with 2,000 items costs no more than
/// one with 200. With C_a the customers whose window holds a:
///
/// - cosine(a, b) = |C_a ∩ C_b| / √(|C_a| · |C_b|)
/// - bm25(a, b) = Σ_{u ∈ C_a ∩ C_b} w_u / √(|C_a| · |C_b|), with the BM25 weight of a term seen
///   once, w_u = (k1 + 1) / (k1 · (1 − b + b · L_u / L̄) + 1), L_u the customer's window length and
///   L̄ the mean over customers. A customer of average length weighs 1; with k1 = 1.2, b = 0.75 one
///   ten times longer weighs 0.21 and one a fifth as long 1.6. The denominator stays the plain
///   cosine one so both measures are on the same scale.
///
/// Lists are computed on demand from the histories (cost: the window lengths of a's customers),
/// so nothing pair-sized is stored and a new purchase costs one scan of the customer's history.
public struct ItemSimilarity: Sendable {
    /// Only the most recent this many distinct items of a customer count.
    public let historyCap: Int
    /// Per customer: distinct items in order of first purchase, and baskets holding each.
    private var histories: [[Int32]] = []
    private var historyBaskets: [[Int32]] = []
    /// Per item: customers whose window holds it (unordered).
    private var buyers: [[Int32]] = []
    /// Σ window lengths and customers with a non-empty history, for L̄.
    private var windowSum = 0
    private var activeCustomers = 0

    public init(historyCap: Int = 200) {
        precondition(historyCap > 0, "historyCap must be positive")
        self.historyCap = historyCap
    }

    /// Items are `0..<itemCount`.
    public var itemCount: Int { buyers.count }
    /// Customers are `0..<customerCount`.
    public var customerCount: Int { histories.count }

    /// Makes room for items `0..<count` (never shrinks).
    public mutating func reserveItems(_ count: Int) {
        if count > buyers.count { buyers.append(contentsOf: repeatElement([], count: count - buyers.count)) }
    }

    /// Customers whose window holds `item` (|C_item|).
    public func customerCount(of item: Int32) -> Int {
        item >= 0 && Int(item) < buyers.count ? buyers[Int(item)].count : 0
    }

    /// The customer's distinct items in order of first purchase (the whole history, not only the window).
    public func history(of customer: Int32) -> [Int32] {
        customer >= 0 && Int(customer) < histories.count ? histories[Int(customer)] : []
    }

    /// Records that `customer` bought `item` in one more basket; true when the pair is new.
    @discardableResult
    public mutating func add(customer: Int32, item: Int32) -> Bool {
        guard customer >= 0, item >= 0 else { return false }
        if Int(customer) >= histories.count {
            let more = Int(customer) + 1 - histories.count
            histories.append(contentsOf: repeatElement([], count: more))
            historyBaskets.append(contentsOf: repeatElement([], count: more))
        }
        reserveItems(Int(item) + 1)
        let u = Int(customer)
        if let p = histories[u].firstIndex(of: item) {
            historyBaskets[u][p] += 1
            return false
        }
        if histories[u].isEmpty { activeCustomers += 1 }
        histories[u].append(item)
        historyBaskets[u].append(1)
        buyers[Int(item)].append(customer)
        let length = histories[u].count
        if length > historyCap {
            // The oldest item of the window leaves it.
            Self.drop(customer, from: &buyers[Int(histories[u][length - historyCap - 1])])
        } else {
            windowSum += 1
        }
        return true
    }

    /// Takes back one basket of `customer` holding `item`; true when the pair left the history.
    @discardableResult
    public mutating func remove(customer: Int32, item: Int32) -> Bool {
        guard customer >= 0, Int(customer) < histories.count else { return false }
        let u = Int(customer)
        guard let p = histories[u].firstIndex(of: item) else { return false }
        historyBaskets[u][p] -= 1
        guard historyBaskets[u][p] <= 0 else { return false }
        let length = histories[u].count
        let windowStart = max(0, length - historyCap)
        histories[u].remove(at: p)
        historyBaskets[u].remove(at: p)
        if p >= windowStart {
            Self.drop(customer, from: &buyers[Int(item)])
            if windowStart > 0 {
                // The item just before the window moves into it.
                buyers[Int(histories[u][windowStart - 1])].append(customer)
            } else {
                windowSum -= 1
            }
        }
        if histories[u].isEmpty { activeCustomers -= 1 }
        return true
    }

    private static func drop(_ customer: Int32, from list: inout [Int32]) {
        if let i = list.firstIndex(of: customer) { list.swapAt(i, list.count - 1); list.removeLast() }
    }

    /// Customers whose windows hold both items.
    public func sharedCustomers(_ a: Int32, _ b: Int32) -> Int {
        guard a != b, a >= 0, Int(a) < buyers.count else { return 0 }
        var shared = 0
        for u in buyers[Int(a)] where window(of: Int(u)).contains(b) { shared += 1 }
        return shared
    }

    /// The BM25 weight of a customer whose window has `length` items when the mean is `mean`.
    public static func bm25Weight(length: Int, mean: Double, k1: Double, b: Double) -> Double {
        let norm = mean > 0 ? 1 - b + b * Double(length) / mean : 1
        return (k1 + 1) / (k1 * norm + 1)
    }

    /// The mean window length over customers with a purchase (L̄).
    public var meanWindowLength: Double { activeCustomers > 0 ? Double(windowSum) / Double(activeCustomers) : 0 }

    /// The `limit` items most similar to `item`, best first (ties: lower item), each shared by at
    /// least `minimumShared` customers; `count` is the number of shared customers.
    public func neighbours(of item: Int32, measure: SimilarityMeasure = .cosine, k1: Double = 1.2, b: Double = 0.75,
                           minimumShared: Int = 2, limit: Int) -> [Neighbour] {
        guard item >= 0, Int(item) < buyers.count, limit > 0 else { return [] }
        // One list: sort the co-bought entries instead of clearing dense per-item arrays (50k items
        // would cost 800 KB per call). Ties keep the customers' order, so sums match `model()`'s.
        let mean = meanWindowLength
        var entries: [(item: Int32, seq: Int32, weight: Double)] = []
        for u in buyers[Int(item)] {
            let w = window(of: Int(u))
            let weight = measure == .bm25 ? Self.bm25Weight(length: w.count, mean: mean, k1: k1, b: b) : 1
            for other in w where other != item { entries.append((other, Int32(entries.count), weight)) }
        }
        entries.sort { $0.item != $1.item ? $0.item < $1.item : $0.seq < $1.seq }
        let na = Double(buyers[Int(item)].count)
        var result: [Neighbour] = []
        var i = 0
        while i < entries.count {
            let other = entries[i].item
            var sum = 0.0, shared = 0
            while i < entries.count, entries[i].item == other { sum += entries[i].weight; shared += 1; i += 1 }
            if shared >= max(minimumShared, 1) {
                let score = (measure == .bm25 ? sum : Double(shared)) / (na * Double(buyers[Int(other)].count)).squareRoot()
                result.append(Neighbour(item: other, score: score, count: shared))
            }
        }
        return Neighbour.best(result, limit: limit)
    }

    /// Dense per-item sums reused across items (cleared after each list), so a model over 50k
    /// items does not allocate 50k arrays.
    struct Scratch {
        var weight: [Double]
        var shared: [Int32]
        var seen: [Int32] = []
        init(itemCount: Int) {
            weight = [Double](repeating: 0, count: itemCount)
            shared = [Int32](repeating: 0, count: itemCount)
        }
    }

    @inline(__always) private func window(of u: Int) -> ArraySlice<Int32> {
        histories[u].suffix(historyCap)
    }

    func neighbours(of item: Int32, measure: SimilarityMeasure, k1: Double, b: Double, minimumShared: Int,
                    limit: Int, scratch: inout Scratch) -> [Neighbour] {
        guard item >= 0, Int(item) < buyers.count, limit > 0 else { return [] }
        if scratch.weight.count < buyers.count { scratch = Scratch(itemCount: buyers.count) }
        let mean = meanWindowLength
        for u in buyers[Int(item)] {
            let w = window(of: Int(u))
            let weight = measure == .bm25 ? Self.bm25Weight(length: w.count, mean: mean, k1: k1, b: b) : 1
            for other in w where other != item {
                let o = Int(other)
                if scratch.shared[o] == 0 { scratch.seen.append(other) }
                scratch.shared[o] += 1
                scratch.weight[o] += weight
            }
        }
        let na = Double(buyers[Int(item)].count)
        var result: [Neighbour] = []
        for other in scratch.seen {
            let o = Int(other)
            let shared = Int(scratch.shared[o])
            if shared >= max(minimumShared, 1) {
                let sum = measure == .bm25 ? scratch.weight[o] : Double(shared)
                result.append(Neighbour(item: other, score: sum / (na * Double(buyers[o].count)).squareRoot(), count: shared))
            }
            scratch.shared[o] = 0
            scratch.weight[o] = 0
        }
        scratch.seen.removeAll(keepingCapacity: true)
        return Neighbour.best(result, limit: limit)
    }
}
