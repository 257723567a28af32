/// xoshiro256** (Blackman & Vigna 2018): the simulator's only source of randomness.
///
/// The algorithm is fixed here rather than borrowed from the standard library so that the same
/// seed gives the same store, byte for byte, on every platform and Swift version.
/// `SystemRandomNumberGenerator` is never used.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 42, stream: 3)
/// let u = rng.uniform()          // [0, 1)
/// let k = rng.poisson(mean: 4.2)
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for `seed`; different `stream`s of one seed are independent for practical purposes,
    /// so each part of the simulator draws from its own stream and a change in one part does not
    /// reshuffle the others.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is a fixed point
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }
}
