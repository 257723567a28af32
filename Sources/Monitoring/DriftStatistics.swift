import Foundation

/// The drift statistics, each a port of the scipy / Evidently function it names, on plain arrays.
///
/// Evidently 0.7 `src/evidently/legacy/calculations/stattests/*.py` calls scipy for the tests; the
/// functions here follow those code paths step by step so decisions agree on the same samples.
public enum DriftStatistics {
    /// Wasserstein-1 distance between two empirical distributions (scipy `wasserstein_distance`):
    /// the integral of |F_u − F_v| over the merged sorted values.
    public static func wassersteinDistance(_ u: [Double], _ v: [Double]) -> Double {
        guard !u.isEmpty, !v.isEmpty else { return .nan }
        let us = u.sorted(), vs = v.sorted()
        let all = (us + vs).sorted()
        var total = 0.0
        var iu = 0, iv = 0
        let nu = Double(us.count), nv = Double(vs.count)
        for k in 0..<(all.count - 1) {
            let x = all[k]
            // searchsorted(side: right) advances past every value <= x.
            while iu < us.count, us[iu] <= x { iu += 1 }
            while iv < vs.count, vs[iv] <= x { iv += 1 }
            total += abs(Double(iu) / nu - Double(iv) / nv) * (all[k + 1] - x)
        }
        return total
    }

    /// Evidently's normed Wasserstein: W1 / max(std(reference, ddof 0), 0.001).
    public static func normedWasserstein(reference: [Double], current: [Double]) -> Double {
        let n = Double(reference.count)
        let mean = reference.reduce(0, +) / n
        var squares = 0.0
        for x in reference { squares += (x - mean) * (x - mean) }
        let norm = max((squares / n).squareRoot(), 0.001)
        return wassersteinDistance(reference, current) / norm
    }

    /// Jensen-Shannon distance with natural log (scipy `spatial.distance.jensenshannon`, base None):
    /// sqrt((KL(p‖m) + KL(q‖m)) / 2) with m the midpoint, after normalising p and q to sum 1.
    public static func jensenShannonDistance(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "jensenShannonDistance: p and q need the same length")
        let sp = p.reduce(0, +), sq = q.reduce(0, +)
        var left = 0.0, right = 0.0
        for i in p.indices {
            let pi = p[i] / sp, qi = q[i] / sq
            let m = (pi + qi) / 2
            left += relativeEntropy(pi, m)
            right += relativeEntropy(qi, m)
        }
        return ((left + right) / 2).squareRoot()
    }

    /// scipy.special.rel_entr: x log(x/y), 0 when x = 0, infinity when y = 0 < x.
    static func relativeEntropy(_ x: Double, _ y: Double) -> Double {
        if x > 0, y > 0 { return x * log(x / y) }
        if x == 0, y >= 0 { return 0 }
        return .infinity
    }

    /// Population stability index Σ (r − c) ln(r / c) over raw bucket shares.
    ///
    /// Empty buckets are filled first as Evidently's `get_binned_data(feel_zeroes=True)` does: with
    /// min(non-zero share) / 10⁶ when that minimum is ≤ 0.0001, else with 0.0001 (each side separately).
    public static func psi(referenceShares: [Double], currentShares: [Double]) -> Double {
        precondition(referenceShares.count == currentShares.count, "psi: share arrays need the same length")
        let r = fillZeroes(referenceShares), c = fillZeroes(currentShares)
        var total = 0.0
        for i in r.indices { total += (r[i] - c[i]) * log(r[i] / c[i]) }
        return total
    }

    static func fillZeroes(_ shares: [Double]) -> [Double] {
        guard let smallest = shares.filter({ $0 != 0 }).min() else { return shares }
        let fill = smallest <= 0.0001 ? smallest / 1_000_000 : 0.0001
        return shares.map { $0 == 0 ? fill : $0 }
    }

    /// Bin edges of `np.histogram_bin_edges(values, bins="sturges")`: ceil(ptp / (ptp / (log2 n + 1)))
    /// equal bins from min to max, built like `np.linspace` (i·step + min, last edge exactly max).
    public static func sturgesEdges(_ values: [Double]) -> [Double] {
        guard var first = values.min(), var last = values.max() else { return [0, 1] }
        let ptp = last - first
        if first == last { first -= 0.5; last += 0.5 }
        let width = ptp / (log2(Double(values.count)) + 1.0)
        let bins = width != 0 ? Int(((last - first) / width).rounded(.up)) : 1
        let step = (last - first) / Double(bins)
        var edges = (0...bins).map { Double($0) * step + first }
        edges[bins] = last
        return edges
    }

    /// Counts per bin like `np.histogram(values, edges)`: [e_i, e_{i+1}), the last bin closed.
    static func histogram(_ values: [Double], edges: [Double]) -> [Int] {
        let sorted = values.sorted()
        // Number of values < e (side left) for each inner edge, <= e for the last (side right).
        func countBelow(_ e: Double, inclusive: Bool) -> Int {
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if inclusive ? sorted[mid] <= e : sorted[mid] < e { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var cumulative = edges.dropLast().map { countBelow($0, inclusive: false) }
        cumulative.append(countBelow(edges[edges.count - 1], inclusive: true))
        return (0..<(edges.count - 1)).map { cumulative[$0 + 1] - cumulative[$0] }
    }

    /// Pearson chi-square p-value as Evidently's `chi_stat_test`: expected counts are the reference
    /// counts scaled by n_current / n_reference over every value seen on either side; df = k − 1.
    public static func chiSquarePValue<T: Hashable>(reference: [T], current: [T]) -> Double {
        let ref = counts(reference), cur = counts(current)
        let keys = Set(ref.keys).union(cur.keys)
        let scale = Double(current.count) / Double(reference.count)
        var statistic = 0.0
        for key in keys {
            let expected = Double(ref[key, default: 0]) * scale
            let observed = Double(cur[key, default: 0])
            statistic += (observed - expected) * (observed - expected) / expected
        }
        return chiSquareSurvival(statistic, degreesOfFreedom: Double(keys.count - 1))
    }

    /// Two-proportion Z-test p-value as Evidently's `z_stat_test`: the smallest value (sorted) is
    /// coded 0 and every other value 1; p = 2 (1 − Φ(|z|)); 1 when both sides hold one and the same value.
    public static func proportionZTestPValue<T: Hashable & Comparable>(reference: [T], current: [T]) -> Double {
        let refSet = Set(reference), curSet = Set(current)
        if refSet.count == 1, curSet.count == 1, refSet == curSet { return 1 }
        guard let first = refSet.union(curSet).min() else { return .nan }
        let n1 = Double(reference.count), n2 = Double(current.count)
        let p1 = Double(reference.lazy.filter { $0 != first }.count) / n1
        let p2 = Double(current.lazy.filter { $0 != first }.count) / n2
        let pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        let z = (p1 - p2) / (pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2)).squareRoot()
        return 2 * (1 - normalCDF(abs(z)))
    }

    static func counts<T: Hashable>(_ values: [T]) -> [T: Int] {
        var result: [T: Int] = [:]
        for v in values { result[v, default: 0] += 1 }
        return result
    }
}
