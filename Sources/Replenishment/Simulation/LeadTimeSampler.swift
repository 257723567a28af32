import Foundation

/// Draws random lead times for the simulation: a normal around the mean, rounded to whole days,
/// at least one day. Seeded per series, so a run is reproducible whatever the thread count.
///
/// SplitMix64 (Steele, Lea & Flood 2014) for the bits and Box–Muller for the normal: enough for
/// a few dozen draws per series, and no dependency on the store simulator's generators.
struct LeadTimeSampler: Sendable {
    private var state: UInt64
    private var spare: Double?

    init(seed: UInt64, stream: Int) {
        state = seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(stream + 1))
    }

    /// The next lead time: `meanDays` when the deviation is 0, else max(1, round(mean + sd·z)).
    mutating func draw(meanDays: Int, standardDeviationDays: Double) -> Int {
        guard standardDeviationDays > 0 else { return meanDays }
        let z = normal()
        return max(1, Int((Double(meanDays) + standardDeviationDays * z).rounded()))
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    private mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992
    }

    private mutating func normal() -> Double {
        if let z = spare { spare = nil; return z }
        let r = (-2 * log(uniform())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        spare = r * sin(angle)
        return r * cos(angle)
    }
}
