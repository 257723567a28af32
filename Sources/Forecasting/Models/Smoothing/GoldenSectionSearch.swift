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

    /// The same search for the SES smoothing parameter of `x`, three steps per pass over the
    /// data: the next point is known, the one after is one of two and the third one of four,
    /// so all seven are evaluated together (`SimpleSmoothing.sse(_:alphas:)`) and the path the
    /// comparisons take is then followed. The result equals `minimize` on `SimpleSmoothing.sse`.
    static func sesAlpha(_ x: UnsafeBufferPointer<Double>, lower: Double, upper: Double, tolerance: Double = 1e-12) -> Double {
        var s = Bracket(lower: lower, upper: upper)
        // Below two values the error is 0 everywhere: a tie at once.
        guard x.count >= 2 else { return s.midpoint }
        let first = SimpleSmoothing.sse(x, alphas: SIMD8(s.c, s.d, s.c, s.d, s.c, s.d, s.c, s.d))
        s.fc = first[0]
        s.fd = first[1]
        while let first = s.direction(tolerance: tolerance) {
            // Lane 0: step 1; lanes 1–2: step 2 after step 1 went left/right; lanes 3–6: step 3.
            var points = SIMD8<Double>(repeating: 0)
            var s1 = s
            points[0] = s1.step(left: first)
            var left = s1, right = s1
            points[1] = left.step(left: true)
            points[2] = right.step(left: false)
            var t = left
            points[3] = t.step(left: true)
            t = left
            points[4] = t.step(left: false)
            t = right
            points[5] = t.step(left: true)
            t = right
            points[6] = t.step(left: false)
            points[7] = points[0]
            let values = SimpleSmoothing.sse(x, alphas: points)

            s = s1
            s.record(values[0], left: first)
            guard let second = s.direction(tolerance: tolerance) else { break }
            _ = s.step(left: second)
            let i = second ? 0 : 1
            s.record(values[1 + i], left: second)
            guard let third = s.direction(tolerance: tolerance) else { break }
            _ = s.step(left: third)
            s.record(values[3 + 2 * i + (third ? 0 : 1)], left: third)
        }
        return s.midpoint
    }
}
