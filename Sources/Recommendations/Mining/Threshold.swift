/// Exact threshold arithmetic: a fraction such as 0.001 or 0.8 is read as a rational with nine
/// decimals, so `count ≥ support × N` and `count ≥ confidence × antecedentCount` are decided in
/// integers. With doubles, 0.8 × 5 or 4 / 5 can land a hair either side of the threshold (the
/// Groceries README's "373 instead of 371" pitfall).
enum Threshold {
    static let scale = 1_000_000_000

    /// The fraction as parts per `scale`, rounded to the nearest.
    static func parts(_ fraction: Double) -> Int { Int((fraction * Double(scale)).rounded()) }

    /// The least integer count with `count ≥ fraction × total`.
    static func minimumCount(_ fraction: Double, of total: Int) -> Int {
        let product = parts(fraction).multipliedFullWidth(by: total)
        // ceil(product / scale) on the 128-bit product.
        let (quotient, remainder) = scale.dividingFullWidth(product)
        return remainder > 0 ? quotient + 1 : quotient
    }

    /// Whether `count / total ≥ fraction`, decided exactly.
    static func reaches(_ count: Int, of total: Int, fraction parts: Int) -> Bool {
        let left = count.multipliedFullWidth(by: scale)
        let right = parts.multipliedFullWidth(by: total)
        return (left.high, left.low) >= (right.high, right.low)
    }
}
