/// A column's distribution as bucket shares, built as Evidently's `get_binned_data` (before zero filling).
///
/// Numerical columns with more than 20 distinct reference values use Sturges edges over reference ∪
/// current; everything else gets one bucket per distinct value seen on either side.
struct BinnedShares: Sendable {
    var labels: [String]
    var reference: [Double]
    var current: [Double]

    static func numerical(reference: [Double], current: [Double]) -> BinnedShares {
        if Set(reference).count > 20 {
            let edges = DriftStatistics.sturgesEdges(reference + current)
            let r = DriftStatistics.histogram(reference, edges: edges)
            let c = DriftStatistics.histogram(current, edges: edges)
            let labels = (0..<(edges.count - 1)).map { i in
                i == edges.count - 2 ? "[\(edges[i]), \(edges[i + 1])]" : "[\(edges[i]), \(edges[i + 1]))"
            }
            return BinnedShares(
                labels: labels,
                reference: r.map { Double($0) / Double(reference.count) },
                current: c.map { Double($0) / Double(current.count) })
        }
        return byValue(reference: reference, current: current, label: { "\($0)" })
    }

    static func categorical(reference: [String], current: [String]) -> BinnedShares {
        byValue(reference: reference, current: current, label: { $0 })
    }

    private static func byValue<T: Hashable & Comparable>(
        reference: [T], current: [T], label: (T) -> String
    ) -> BinnedShares {
        let r = DriftStatistics.counts(reference), c = DriftStatistics.counts(current)
        let keys = Set(r.keys).union(c.keys).sorted()
        return BinnedShares(
            labels: keys.map(label),
            reference: keys.map { Double(r[$0, default: 0]) / Double(reference.count) },
            current: keys.map { Double(c[$0, default: 0]) / Double(current.count) })
    }

    /// At most 30 buckets for charts: the 29 largest (by the larger of the two shares) plus "other".
    func chartBins(limit: Int = 30) -> [DriftBin] {
        let all = labels.indices.map {
            DriftBin(label: labels[$0], referenceShare: reference[$0], currentShare: current[$0])
        }
        guard all.count > limit else { return all }
        let ranked = all.indices.sorted {
            max(all[$0].referenceShare, all[$0].currentShare) > max(all[$1].referenceShare, all[$1].currentShare)
        }
        let kept = Set(ranked.prefix(limit - 1))
        var result = all.indices.filter { kept.contains($0) }.map { all[$0] }
        var other = DriftBin(label: "other", referenceShare: 0, currentShare: 0)
        for i in all.indices where !kept.contains(i) {
            other.referenceShare += all[i].referenceShare
            other.currentShare += all[i].currentShare
        }
        result.append(other)
        return result
    }
}
