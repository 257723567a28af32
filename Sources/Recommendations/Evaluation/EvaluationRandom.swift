/// A small seeded generator (SplitMix64, Steele, Lea & Flood 2014) so every evaluation run
/// hides the same items and the random baseline draws the same lists on every machine.
public struct EvaluationRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index in `0..<count`: the next value modulo `count` (the bias, below count / 2^64, is negligible).
    public mutating func index(below count: Int) -> Int {
        precondition(count > 0, "count must be positive")
        return Int(next() % UInt64(count))
    }
}
