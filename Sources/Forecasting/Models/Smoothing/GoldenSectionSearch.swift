/// Golden-section search for the minimum of a unimodal function on an interval (Kiefer 1953;
/// Press et al., Numerical Recipes §10.2), as statsforecast 2.1.1 chooses the smoothing
/// parameter of its optimized SES, Croston, ADIDA and IMAPA (`golden_section_ses`, in-sample
/// squared one-step error).
///
/// The bracket [a, b] holds two interior points c < d at the golden ratio. Each step drops the
/// side of the worse point and adds one new point; the search stops when b − a < `tolerance`,
/// or at once when the two interior values tie exactly, and returns the bracket's midpoint.
/// The points are computed as the peer computes them, so the same function gives the same α.
enum GoldenSectionSearch {
    /// 1/φ is applied as a division by φ = (√5 + 1)/2, matching the peer's rounding.
    static let ratio = (5.0.squareRoot() + 1) / 2

    /// The bracket and its two interior points with their values.
    struct Bracket {
        var a, b, c, d: Double
        var fc, fd: Double

        init(lower: Double, upper: Double) {
            a = lower
            b = upper
            c = upper - (upper - lower) / GoldenSectionSearch.ratio
            d = lower + (upper - lower) / GoldenSectionSearch.ratio
            fc = .nan
            fd = .nan
        }

        /// Which side the next step keeps: `true` keeps [a, d] (c is better), `false` keeps
        /// [c, b], `nil` stops (converged, tie, or NaN).
        func direction(tolerance: Double) -> Bool? {
            guard abs(b - a) >= tolerance else { return nil }
            if fc < fd { return true }
            if fd < fc { return false }
            return nil
        }

        /// Moves the bracket one step toward `left` and returns the new point, whose value the
        /// caller stores with `record`.
        mutating func step(left: Bool) -> Double {
            if left {
                b = d; d = c; fd = fc
                c = b - (b - a) / GoldenSectionSearch.ratio
                return c
            } else {
                a = c; c = d; fc = fd
                d = a + (b - a) / GoldenSectionSearch.ratio
                return d
            }
        }

        mutating func record(_ value: Double, left: Bool) {
            if left { fc = value } else { fd = value }
        }

        var midpoint: Double { (b + a) / 2 }
    }

    /// The minimiser of `f` on [lower, upper], one evaluation per step.
    static func minimize(lower: Double, upper: Double, tolerance: Double = 1e-12, _ f: (Double) -> Double) -> Double {
        var s = Bracket(lower: lower, upper: upper)
        s.fc = f(s.c)
        s.fd = f(s.d)
        while let left = s.direction(tolerance: tolerance) {
            s.record(f(s.step(left: left)), left: left)
        }
        return s.midpoint
    }
}
