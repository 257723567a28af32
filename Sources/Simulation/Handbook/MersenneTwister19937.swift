/// The 32-bit Mersenne Twister (MT19937) shared by numpy's legacy `RandomState` and CPython's `random`.
///
/// The two libraries differ only in how they seed it (`init_genrand` versus `init_by_array`) and in
/// how they turn 32-bit words into numbers; both live in the wrappers `NumpyLegacyRandom` and
/// `PythonRandom`. Reproducing the generator bit for bit is what lets the handbook simulator emit
/// the published dataset exactly.
public struct MersenneTwister19937: Sendable {
    static let n = 624
    static let m = 397
    static let matrixA: UInt32 = 0x9908_B0DF
    static let upperMask: UInt32 = 0x8000_0000
    static let lowerMask: UInt32 = 0x7FFF_FFFF

    private var state: [UInt32]
    private var index: Int

    /// Linear seeding (`init_genrand`), which numpy's `RandomState(seed)` uses for an integer seed.
    public init(seed: UInt32) {
        state = Self.linearState(seed)
        index = Self.n
    }

    /// Array seeding (`init_by_array`), which CPython's `random.seed(int)` uses with the seed's 32-bit words.
    public init(key: [UInt32]) {
        precondition(!key.isEmpty, "init_by_array needs at least one key word")
        var mt = Self.linearState(19_650_218)
        let n = Self.n
        var i = 1, j = 0
        for _ in 0..<max(n, key.count) {
            let previous = mt[i - 1] ^ (mt[i - 1] >> 30)
            mt[i] = (mt[i] ^ (previous &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let previous = mt[i - 1] ^ (mt[i - 1] >> 30)
            mt[i] = (mt[i] ^ (previous &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000
        state = mt
        index = n
    }

    private static func linearState(_ seed: UInt32) -> [UInt32] {
        var mt = [UInt32](repeating: 0, count: n)
        mt[0] = seed
        for i in 1..<n {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
        return mt
    }

    /// The next tempered 32-bit output.
    @inline(__always)
    public mutating func next() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        let n = Self.n, m = Self.m
        state.withUnsafeMutableBufferPointer { mt in
            @inline(__always) func mixed(_ a: UInt32, _ b: UInt32) -> UInt32 {
                let y = (a & Self.upperMask) | (b & Self.lowerMask)
                return (y >> 1) ^ ((y & 1) == 0 ? 0 : Self.matrixA)
            }
            for k in 0..<(n - m) { mt[k] = mt[k + m] ^ mixed(mt[k], mt[k + 1]) }
            for k in (n - m)..<(n - 1) { mt[k] = mt[k + m - n] ^ mixed(mt[k], mt[k + 1]) }
            mt[n - 1] = mt[m - 1] ^ mixed(mt[n - 1], mt[0])
        }
        index = 0
    }
}
