/// The fixed samples of `scripts/drift_expected.py`, built from the same integer formulas.
enum Samples {
    /// `seq(n, mul, mod, div, shift)[i] = ((i * mul) % mod) / div + shift`
    static func seq(_ n: Int, _ mul: Int, _ mod: Int, _ div: Double, _ shift: Double) -> [Double] {
        (0..<n).map { Double(($0 * mul) % mod) / div + shift }
    }

    /// `capped(values, cap)`: min(v, cap) per value.
    static func capped(_ values: [Double], _ cap: Double) -> [Double] { values.map { min($0, cap) } }

    /// `cats(n, mul, mod, names)[i] = names[((i * mul) % mod) % names.count]`
    static func cats(_ n: Int, _ mul: Int, _ mod: Int, _ names: [String]) -> [String] {
        (0..<n).map { names[(($0 * mul) % mod) % names.count] }
    }

    static let abcd = ["a", "b", "c", "d"]
    static let five = ["n1", "n2", "n3", "n4", "n5"]
}

/// |a − b| <= tolerance (absolute), or both exactly equal (covers 0 and infinities).
func isClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    a == b || abs(a - b) <= tolerance
}
