import Foundation

/// CPython's `random.Random` (MT19937 with `init_by_array` seeding), for the draws the handbook makes
/// with it: `choice` of a terminal and `sample` of the scenario-3 transactions.
public struct PythonRandom: Sendable {
    private var twister: MersenneTwister19937

    /// `random.seed(seed)` for a non-negative integer: the key is the seed's 32-bit words, least significant first.
    public init(seed: UInt64) {
        var key: [UInt32] = []
        var rest = seed
        repeat {
            key.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        } while rest != 0
        twister = MersenneTwister19937(key: key)
    }

    /// `getrandbits(k)` for 0 ≤ k ≤ 32: the top k bits of one output.
    @inline(__always)
    public mutating func getrandbits(_ k: Int) -> UInt32 {
        precondition(k >= 0 && k <= 32, "getrandbits: k \(k) outside 0...32")
        if k == 0 { return 0 }
        return twister.next() >> UInt32(32 - k)
    }

    /// `_randbelow(n)`: draw `bit_length(n)` bits until the value is below n (draws even when n = 1).
    @inline(__always)
    public mutating func randbelow(_ n: Int) -> Int {
        precondition(n > 0 && n <= Int(UInt32.max), "randbelow: n \(n) outside 1...2³²−1")
        let bits = Int.bitWidth - n.leadingZeroBitCount
        var r = Int(getrandbits(bits))
        while r >= n { r = Int(getrandbits(bits)) }
        return r
    }

    /// `choice(seq)`.
    @inline(__always)
    public mutating func choice<C: RandomAccessCollection>(_ elements: C) -> C.Element where C.Index == Int {
        precondition(!elements.isEmpty, "choice: empty sequence")
        return elements[elements.startIndex + randbelow(elements.count)]
    }

    /// `sample(population, k)` with CPython's rule: a shrinking pool for small populations, a set of
    /// rejected indices for large ones; the result order is the draw order.
    public mutating func sample<T>(_ population: [T], _ k: Int) -> [T] {
        let n = population.count
        precondition(k >= 0 && k <= n, "sample: k \(k) outside 0...\(n)")
        var setSize = 21
        if k > 5 {
            // math.log(x, 4) is log(x) / log(4) in CPython; ceil of it, then 4 to that power.
            let exponent = Int((log(Double(k * 3)) / log(4.0)).rounded(.up))
            var power = 1
            for _ in 0..<exponent { power *= 4 }
            setSize += power
        }
        var result: [T] = []
        result.reserveCapacity(k)
        if n <= setSize {
            var pool = population
            for i in 0..<k {
                let j = randbelow(n - i)
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected = Set<Int>()
            for _ in 0..<k {
                var j = randbelow(n)
                while selected.contains(j) { j = randbelow(n) }
                selected.insert(j)
                result.append(population[j])
            }
        }
        return result
    }
}
