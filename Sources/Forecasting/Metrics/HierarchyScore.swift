/// A weighted hierarchical score (WRMSSE or WSPL): per level, per group, and overall.
public struct HierarchyScore: Sendable, Equatable {
    /// `WRMSSE` or `WSPL`.
    public var metric: String
    /// One entry per level of the hierarchy, in its order.
    public var levels: [HierarchyLevelScore]

    public init(metric: String, levels: [HierarchyLevelScore]) {
        self.metric = metric
        self.levels = levels
    }

    /// The M5 total: every level weighted equally, `(1/K) Σ_levels Σ_groups w·score`.
    public var overall: Double {
        guard !levels.isEmpty else { return .nan }
        var s = 0.0
        for level in levels { s += level.value }
        return s / Double(levels.count)
    }

    /// A plain-text table, one line per level, for logs and reports.
    public var table: String {
        var lines = ["level                 series   \(metric)"]
        for level in levels {
            let name = level.name + String(repeating: " ", count: max(0, 20 - level.name.count))
            let count = String(level.scores.count)
            lines.append("\(name)  \(String(repeating: " ", count: max(0, 7 - count.count)))\(count)   \(format(level.value))")
        }
        lines.append("overall (mean of \(levels.count) levels)     \(format(overall))")
        return lines.joined(separator: "\n")
    }

    private func format(_ x: Double) -> String {
        guard x.isFinite else { return String(x) }
        let scaled = (x * 1_000_000).rounded() / 1_000_000
        var s = String(scaled)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 6 { s += String(repeating: "0", count: 6 - decimals) }
        }
        return s
    }
}

/// One level of a `HierarchyScore`.
public struct HierarchyLevelScore: Sendable, Equatable {
    public var name: String
    /// Group keys, as in `HierarchyLevel.groups`.
    public var groups: [String]
    /// Normalised weights of the groups (sum 1).
    public var weights: [Double]
    /// The unweighted score of each group: RMSSE for WRMSSE, mean SPL over the quantiles for WSPL.
    public var scores: [Double]
    /// `Σ_g weights[g] · scores[g]`, skipping groups of weight zero (their score may be undefined).
    public var value: Double

    public init(name: String, groups: [String], weights: [Double], scores: [Double], value: Double) {
        self.name = name
        self.groups = groups
        self.weights = weights
        self.scores = scores
        self.value = value
    }
}
