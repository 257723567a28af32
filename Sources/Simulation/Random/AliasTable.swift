/// Walker's alias method in Vose's (1991) numerically stable form: O(1) draws from a fixed
/// categorical distribution, which is what every per-order choice (item, hour, region) needs.
public struct AliasTable: Sendable, Hashable {
    private var probability: [Double]
    private var alias: [Int32]

    /// A table for non-negative `weights` (not necessarily normalised); at least one must be positive.
    public init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0, "an alias table needs at least one weight")
        let total = weights.reduce(0, +)
        precondition(total > 0, "an alias table needs a positive weight")
        var scaled = weights.map { $0 * Double(n) / total }
        probability = Array(repeating: 1, count: n)
        alias = Array(repeating: 0, count: n)
        var small: [Int] = []
        var large: [Int] = []
        for (i, p) in scaled.enumerated() { if p < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.popLast() {
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        // Leftovers are 1 up to rounding error.
        for i in large { probability[i] = 1 }
        for i in small { probability[i] = 1 }
    }

    /// Number of categories.
    public var count: Int { probability.count }

    /// One category index, drawn with probability proportional to its weight.
    @inline(__always)
    public func sample(_ rng: inout Xoshiro256StarStar) -> Int {
        let i = rng.int(below: probability.count)
        return rng.uniform() < probability[i] ? i : Int(alias[i])
    }
}
