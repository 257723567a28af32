import Foundation

extension DriftStatistics {
    /// Two-sided two-sample Kolmogorov-Smirnov test as scipy 1.17 `ks_2samp(method="auto")`.
    ///
    /// The statistic is the largest gap between the two empirical CDFs (ties handled by evaluating both
    /// CDFs at every pooled value, side right). The p-value is exact when both samples have at most
    /// 10 000 rows (Hodges' lattice-path count, Viehmann's 1 − p recursion), otherwise and whenever the
    /// exact count fails numerically it is the one-sample Kolmogorov distribution
    /// `kstwo.sf(d, round(m·n / (m + n)))`.
    ///
    /// ```swift
    /// let (d, p) = DriftStatistics.ksTwoSample(reference, current)
    /// ```
    public static func ksTwoSample(_ data1: [Double], _ data2: [Double]) -> (statistic: Double, pValue: Double) {
        let a = data1.sorted(), b = data2.sorted()
        let n1 = a.count, n2 = b.count
        guard n1 > 0, n2 > 0 else { return (.nan, .nan) }
        // Walk the merged values in order; at each value both CDFs count every element <= it.
        var maxDiff = -Double.infinity, minDiff = Double.infinity
        var i = 0, j = 0
        while i < n1 || j < n2 {
            let x = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j]
            while i < n1, a[i] <= x { i += 1 }
            while j < n2, b[j] <= x { j += 1 }
            let diff = Double(i) / Double(n1) - Double(j) / Double(n2)
            maxDiff = max(maxDiff, diff)
            minDiff = min(minDiff, diff)
        }
        let minS = min(max(-minDiff, 0), 1)
        var d = minS > maxDiff ? minS : maxDiff
        var probability = Double.nan
        var exact = max(n1, n2) <= 10_000
        if exact {
            let attempt = exactTwoSampleProbability(n1, n2, d: d)
            d = attempt.d
            if let p = attempt.probability { probability = p } else { exact = false }
        }
        if !exact {
            let m = Double(max(n1, n2)), n = Double(min(n1, n2))
            let en = (m * n / (m + n)).rounded(.toNearestOrEven)
            probability = kolmogorovSurvival(n: Int(en), x: d)
        }
        return (d, min(max(probability, 0), 1))
    }

    /// scipy `_attempt_exact_2kssamp` (two-sided): d is snapped to h / lcm; nil when the count fails.
    static func exactTwoSampleProbability(_ n1: Int, _ n2: Int, d: Double) -> (d: Double, probability: Double?) {
        let g = gcd(n1, n2)
        let lcm = (n1 / g) * n2
        let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
        let snapped = Double(h) / Double(lcm)
        if h == 0 { return (snapped, 1) }
        let p = n1 == n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideInside(n1, n2, g, h)
        guard p.isFinite, p >= 0, p <= 1 else { return (snapped, nil) }
        return (snapped, p)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// scipy `_compute_prob_outside_square`: Pr(D_{n,n} >= h/n) as a Horner-like alternating sum.
    static func probabilityOutsideSquare(_ n: Int, _ h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var p1 = 1.0
            for j in 0..<h {
                p1 = Double(n - k * h - j) * p1 / Double(n + k * h + j + 1)
            }
            p = p1 * (1.0 - p)
            k -= 1
        }
        return 2 * p
    }

    /// scipy `_compute_outer_prob_inside_method`: share of lattice paths from (0,0) to (m,n) that leave
    /// |x/m − y/n| < h/lcm, computed directly as 1 − p (Viehmann 2021, arXiv 2102.08037).
    static func probabilityOutsideInside(_ m0: Int, _ n0: Int, _ g: Int, _ h: Int) -> Double {
        let (m, n) = m0 < n0 ? (n0, m0) : (m0, n0)
        let mg = m / g, ng = n / g
        var minj = 0
        var maxj = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var curlen = maxj - minj
        let lenA = min(2 * maxj + 2, n + 1)
        // Extra ones past lenA are never read by the recursion; they only guard the indices.
        var a = [Double](repeating: 1, count: max(lenA, n + 2))
        for idx in minj..<maxj { a[idx] = 0 }
        for i in 1...m {
            let lastminj = minj, lastlen = curlen
            minj = max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0)
            minj = min(minj, n)
            maxj = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxj <= minj { return 1.0 }
            var val = minj == 0 ? 0.0 : 1.0
            for jj in 0..<(maxj - minj) {
                let j = jj + minj
                val = (a[jj + minj - lastminj] * Double(i) + val * Double(j)) / Double(i + j)
                a[jj] = val
            }
            curlen = maxj - minj
            if lastlen > curlen {
                for idx in (maxj - minj)..<(maxj - minj + lastlen - curlen) { a[idx] = 1 }
            }
        }
        return a[maxj - minj - 1]
    }
}
