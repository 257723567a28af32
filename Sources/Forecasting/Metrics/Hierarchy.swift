/// A cross-sectional aggregation hierarchy built bottom-up from labelled series, as in M5:
/// every level groups the bottom series by some of their labels and sums them.
///
/// Levels need not nest (M5's `item` and `store` levels cross), so this is a set of groupings
/// of one bottom level, not a tree. Each level partitions the bottom series, which is what
/// WRMSSE and WSPL need: dollar weights then sum to 1 within every level.
///
/// ```swift
/// let labels = series.map { ["item": $0.itemID, "store": $0.storeID] }
/// let h = try Hierarchy(labels: labels, levels: [[], ["store"], ["item"], ["item", "store"]])
/// h.levels[1].aggregate(bottomForecasts)   // one path per store
/// ```
public struct Hierarchy: Sendable, Equatable {
    /// Number of bottom series.
    public var bottomCount: Int
    /// The levels, in the order given.
    public var levels: [HierarchyLevel]

    /// Groups the bottom series described by `labels` (one dictionary per series) by each
    /// entry of `levels` (a list of label keys; `[]` is the total).
    ///
    /// - Parameter names: level names; by default the keys joined by `×` (`Total` for `[]`).
    /// - Throws: `ForecastError.invalidParameter` naming the series and key when a label is
    ///   missing, or when `labels` or `levels` is empty.
    public init(labels: [[String: String]], levels: [[String]], names: [String]? = nil) throws {
        guard !labels.isEmpty else { throw ForecastError.invalidParameter(name: "labels", reason: "no bottom series") }
        guard !levels.isEmpty else { throw ForecastError.invalidParameter(name: "levels", reason: "no level given") }
        if let names, names.count != levels.count {
            throw ForecastError.invalidParameter(name: "names", reason: "has \(names.count) names for \(levels.count) levels")
        }
        var built: [HierarchyLevel] = []
        built.reserveCapacity(levels.count)
        for (l, keys) in levels.enumerated() {
            var index: [String: Int] = [:]
            var groups: [String] = []
            var members: [[Int]] = []
            var groupOfSeries = [Int](repeating: 0, count: labels.count)
            for (i, label) in labels.enumerated() {
                var key = keys.isEmpty ? "Total" : ""
                for (k, name) in keys.enumerated() {
                    guard let value = label[name] else {
                        throw ForecastError.invalidParameter(name: "labels[\(i)]", reason: "has no label '\(name)' (needed by level \(l + 1))")
                    }
                    if k > 0 { key += "/" }
                    key += value
                }
                if let g = index[key] {
                    groupOfSeries[i] = g
                    members[g].append(i)
                } else {
                    index[key] = groups.count
                    groupOfSeries[i] = groups.count
                    groups.append(key)
                    members.append([i])
                }
            }
            let name = names?[l] ?? (keys.isEmpty ? "Total" : keys.joined(separator: "×"))
            built.append(HierarchyLevel(name: name, labels: keys, groups: groups, groupOfSeries: groupOfSeries, members: members))
        }
        self.bottomCount = labels.count
        self.levels = built
    }

    /// Series counts per level, e.g. `[1, 3, 10, …]` for M5.
    public var counts: [Int] { levels.map(\.count) }

    /// Every level's aggregate of the bottom paths (all of one length): `[level][group][t]`.
    /// Memory grows with the number of aggregate series; to score long histories level by
    /// level without keeping them, use `HierarchyEvaluator`.
    public func aggregate(_ paths: [[Double]]) -> [[[Double]]] {
        levels.map { $0.aggregate(paths) }
    }

    /// Normalised weights per level from one non-negative weight per bottom series (M5: dollar
    /// sales): a group's weight is the sum over its members divided by the sum over all series,
    /// so the weights of each level sum to 1.
    /// - Throws: `ForecastError.invalidParameter` when a weight is negative or not finite, the
    ///   count is wrong, or all weights are zero.
    public func levelWeights(bottomWeights: [Double]) throws -> [[Double]] {
        guard bottomWeights.count == bottomCount else {
            throw ForecastError.invalidParameter(name: "weights", reason: "has \(bottomWeights.count) values for \(bottomCount) series")
        }
        var total = 0.0
        for (i, w) in bottomWeights.enumerated() {
            guard w.isFinite, w >= 0 else { throw ForecastError.invalidParameter(name: "weights[\(i)]", reason: "\(w) is not a finite non-negative number") }
            total += w
        }
        guard total > 0 else { throw ForecastError.invalidParameter(name: "weights", reason: "all weights are zero") }
        return levels.map { level in level.aggregate(bottomWeights).map { $0 / total } }
    }
}
