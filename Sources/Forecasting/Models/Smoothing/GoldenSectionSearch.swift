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

    /// The same search for the SES smoothing parameter of `x`, several steps per pass over the
    /// data. Which point a step adds depends only on the directions taken before it, so the
    /// points of the next few steps are computed for the likely paths, their errors evaluated
    /// together in one pass (`SimpleSmoothing.sse(_:alphas:)`), and the search then follows the
    /// path the comparisons take as far as it was evaluated. While the search keeps moving one
    /// way (α at a bound, common for intermittent demand) eight steps of that way are evaluated;
    /// otherwise the full tree of the next three steps. The result equals `minimize` on
    /// `SimpleSmoothing.sse` bit for bit, with about a third to an eighth of the passes.
    static func sesAlpha(_ x: UnsafeBufferPointer<Double>, lower: Double, upper: Double, tolerance: Double = 1e-12) -> Double {
        var s = Bracket(lower: lower, upper: upper)
        // Below two values the error is 0 everywhere: a tie at once.
        guard x.count >= 2 else { return s.midpoint }
        // First pass: c and d, and three steps either way from them.
        var plan = Plan()
        plan.add(Path(), s.c)
        plan.add(Path(), s.d)
        for left in [true, false] {
            var t = s, path = Path()
            for _ in 0..<3 {
                path = path.appending(left)
                plan.add(path, t.step(left: left))
            }
        }
        var values = SimpleSmoothing.sse(x, alphas: plan.points)
        s.fc = values[0]
        s.fd = values[1]
        while true {
            // Follow the evaluated paths as far as the comparisons go.
            var taken = Path(), straight = true, first: Bool? = nil
            while let left = s.direction(tolerance: tolerance) {
                let next = taken.appending(left)
                guard let lane = plan.lane(of: next) else { break }
                _ = s.step(left: left)
                s.record(values[lane], left: left)
                first = first ?? left
                straight = straight && left == first
                taken = next
            }
            guard let left = s.direction(tolerance: tolerance) else { return s.midpoint }
            // Plan the next pass from the known first direction.
            plan = Plan()
            var t = s, path = Path().appending(left)
            plan.add(path, t.step(left: left))
            if straight && taken.length >= 3 && left == first {
                for _ in 1..<8 {
                    path = path.appending(left)
                    plan.add(path, t.step(left: left))
                }
            } else {
                for second in [true, false] {
                    var u = t
                    let p2 = path.appending(second)
                    plan.add(p2, u.step(left: second))
                    for third in [true, false] {
                        var v = u
                        plan.add(p2.appending(third), v.step(left: third))
                    }
                }
                // The eighth lane continues straight on.
                var u = t, p = path
                for _ in 0..<3 {
                    p = p.appending(left)
                    let point = u.step(left: left)
                    if p.length == 4 { plan.add(p, point) }
                }
            }
            values = SimpleSmoothing.sse(x, alphas: plan.points)
        }
    }

    /// A sequence of step directions from the current bracket; bit j set: step j + 1 goes left.
    struct Path: Equatable {
        var length: Int32 = 0
        var bits: UInt32 = 0

        func appending(_ left: Bool) -> Path {
            Path(length: length + 1, bits: bits | (left ? 1 << UInt32(length) : 0))
        }
    }

    /// Up to eight points to evaluate in one pass, each the new point at the end of its path.
    struct Plan {
        var points = SIMD8<Double>(repeating: 0.5)
        var lengths = SIMD8<Int32>(repeating: -1)
        var bits = SIMD8<UInt32>(repeating: 0)
        var count = 0

        mutating func add(_ path: Path, _ point: Double) {
            points[count] = point
            lengths[count] = path.length
            bits[count] = path.bits
            count += 1
        }

        func lane(of path: Path) -> Int? {
            for i in 0..<count where lengths[i] == path.length && bits[i] == path.bits { return i }
            return nil
        }
    }
}
