extension GoldenSectionSearch {
    /// The golden-section search for the SES smoothing parameter of `x`, several steps per pass
    /// over the data.
    ///
    /// Which point a step adds depends only on the directions taken before it, so the points of
    /// the next few steps are computed for the likely paths, their errors evaluated together in
    /// one pass (`SimpleSmoothing.sse(_:alphas:)`, eight lanes), and the search then follows the
    /// path its comparisons take as far as it was evaluated. The plan for a pass:
    /// - while the search keeps moving one way (α at a bound, common for intermittent demand),
    ///   eight steps that way;
    /// - otherwise, when the three lowest errors so far lie on a convex parabola, the path
    ///   toward its vertex (a step goes left when the vertex is left of (c + d)/2, where a
    ///   quadratic has f(c) < f(d); Brent 1973, ch. 5), with the other branch of its second step;
    /// - otherwise the full tree of the next three steps.
    /// A wrong guess only costs a pass: the result equals `minimize` on `SimpleSmoothing.sse`
    /// bit for bit, in a third to an eighth of the passes.
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
        var best = BestThree()
        best.insert(plan, values)
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
            } else if let vertex = best.vertex {
                var branch = t
                let toward = vertex < (t.c + t.d) / 2
                plan.add(path.appending(!toward), branch.step(left: !toward))
                for _ in 2...7 {
                    let toward = vertex < (t.c + t.d) / 2
                    path = path.appending(toward)
                    plan.add(path, t.step(left: toward))
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
                for _ in 0..<3 {
                    path = path.appending(left)
                    let point = t.step(left: left)
                    if path.length == 4 { plan.add(path, point) }
                }
            }
            values = SimpleSmoothing.sse(x, alphas: plan.points)
            best.insert(plan, values)
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

    /// The three distinct points with the lowest errors evaluated so far.
    struct BestThree {
        var x = SIMD3<Double>(repeating: .nan)
        var f = SIMD3<Double>(repeating: .infinity)

        mutating func insert(_ plan: Plan, _ values: SIMD8<Double>) {
            for i in 0..<plan.count { insert(plan.points[i], values[i]) }
        }

        mutating func insert(_ point: Double, _ value: Double) {
            guard value < f[2], point != x[0], point != x[1], point != x[2] else { return }
            if value < f[0] {
                x = SIMD3(point, x[0], x[1]); f = SIMD3(value, f[0], f[1])
            } else if value < f[1] {
                x = SIMD3(x[0], point, x[1]); f = SIMD3(f[0], value, f[1])
            } else {
                x[2] = point; f[2] = value
            }
        }

        /// The vertex of the parabola through the three points, when it opens upward.
        var vertex: Double? {
            guard f[2].isFinite else { return nil }
            let (x1, x2, x3) = (x[0], x[1], x[2]), (f1, f2, f3) = (f[0], f[1], f[2])
            let d = (x1 - x2) * (x1 - x3) * (x2 - x3)
            let a = (x3 * (f2 - f1) + x2 * (f1 - f3) + x1 * (f3 - f2)) / d
            let b = (x3 * x3 * (f1 - f2) + x2 * x2 * (f3 - f1) + x1 * x1 * (f2 - f3)) / d
            let v = -b / (2 * a)
            return a > 0 && v.isFinite ? v : nil
        }
    }
}
