extension HierarchyEvaluator {
    /// WRMSSE of point forecasts.
    ///
    /// - Parameters:
    ///   - forecasts: one path per bottom series, summed bottom-up for every level not in
    ///     `levelForecasts`; may be nil when `levelForecasts` covers every level.
    ///   - levelForecasts: forecasts made directly for a level (e.g. top-down or reconciled),
    ///     keyed by the index into `hierarchy.levels` (0-based), one path per group.
    public func wrmsse(forecasts: [[Double]]?, levelForecasts: [Int: [[Double]]] = [:]) throws -> HierarchyScore {
        try checkBottom(forecasts, name: "forecasts")
        try checkKeys(levelForecasts.keys)
        var levels: [HierarchyLevelScore] = []
        for (l, level) in hierarchy.levels.enumerated() {
            let paths: [[Double]]
            if let given = levelForecasts[l] {
                try checkLevel(given.map(\.count), level: l)
                paths = given
            } else {
                guard let forecasts else { throw ForecastError.invalidParameter(name: "forecasts", reason: "nil, and level \(l) (\(level.name)) has no level forecasts") }
                paths = level.aggregate(forecasts)
            }
            var scores = [Double](repeating: 0, count: level.count)
            for g in 0..<level.count {
                scores[g] = (PointMetrics.mse(actual: actuals[l][g], forecast: paths[g]) / squaredScales[l][g]).squareRoot()
            }
            levels.append(score(level, l, scores))
        }
        return HierarchyScore(metric: "WRMSSE", levels: levels)
    }

    /// WSPL of quantile forecasts: per group the mean over `quantiles` of the scaled pinball loss.
    ///
    /// - Parameters:
    ///   - quantiles: the levels u_j in (0, 1), e.g. `QuantileLevels.m5`.
    ///   - forecasts: `[series][j][t]`, the bottom quantile paths. For levels not in
    ///     `levelForecasts` the paths of each quantile are **summed** over a group's members,
    ///     an approximation (see the type's notes); nil when `levelForecasts` covers every level.
    ///   - levelForecasts: `[group][j][t]` per level index, quantiles forecast at that level.
    public func wspl(quantiles: [Double], forecasts: [[[Double]]]?, levelForecasts: [Int: [[[Double]]]] = [:]) throws -> HierarchyScore {
        guard !quantiles.isEmpty else { throw ForecastError.invalidParameter(name: "quantiles", reason: "is empty") }
        for u in quantiles where !(u > 0 && u < 1) {
            throw ForecastError.invalidParameter(name: "quantiles", reason: "\(u) is not in (0, 1)")
        }
        try checkKeys(levelForecasts.keys)
        try checkQuantilePaths(forecasts ?? [], count: forecasts == nil ? 0 : hierarchy.bottomCount, quantiles: quantiles.count, name: "forecasts")
        var levels: [HierarchyLevelScore] = []
        for (l, level) in hierarchy.levels.enumerated() {
            var scores = [Double](repeating: 0, count: level.count)
            if let given = levelForecasts[l] {
                try checkQuantilePaths(given, count: level.count, quantiles: quantiles.count, name: "levelForecasts[\(l)]")
                for g in 0..<level.count {
                    scores[g] = IntervalMetrics.meanPinball(actual: actuals[l][g], quantileForecasts: given[g], quantiles: quantiles) / absoluteScales[l][g]
                }
            } else {
                guard let forecasts else { throw ForecastError.invalidParameter(name: "forecasts", reason: "nil, and level \(l) (\(level.name)) has no level forecasts") }
                for (g, members) in level.members.enumerated() {
                    let paths = quantiles.indices.map { j in Self.sum(forecasts, quantile: j, over: members) }
                    scores[g] = IntervalMetrics.meanPinball(actual: actuals[l][g], quantileForecasts: paths, quantiles: quantiles) / absoluteScales[l][g]
                }
            }
            levels.append(score(level, l, scores))
        }
        return HierarchyScore(metric: "WSPL", levels: levels)
    }

    /// `Σ_{i ∈ members} forecasts[i][j]`, element-wise.
    private static func sum(_ forecasts: [[[Double]]], quantile j: Int, over members: [Int]) -> [Double] {
        var out = forecasts[members[0]][j]
        out.withUnsafeMutableBufferPointer { o in
            for i in members.dropFirst() {
                forecasts[i][j].withUnsafeBufferPointer { p in for t in 0..<o.count { o[t] += p[t] } }
            }
        }
        return out
    }

    /// The weighted level value; a zero-weight group adds nothing even when its score is
    /// undefined (an aggregate that never sold has a zero scale).
    private func score(_ level: HierarchyLevel, _ l: Int, _ scores: [Double]) -> HierarchyLevelScore {
        var value = 0.0
        for g in scores.indices where weights[l][g] > 0 { value += weights[l][g] * scores[g] }
        return HierarchyLevelScore(name: level.name, groups: level.groups, weights: weights[l], scores: scores, value: value)
    }

    private func checkBottom(_ forecasts: [[Double]]?, name: String) throws {
        guard let forecasts else { return }
        guard forecasts.count == hierarchy.bottomCount else {
            throw ForecastError.invalidParameter(name: name, reason: "has \(forecasts.count) series for \(hierarchy.bottomCount) bottom series")
        }
        for (i, f) in forecasts.enumerated() where f.count != horizon {
            throw ForecastError.invalidParameter(name: "\(name)[\(i)]", reason: "has \(f.count) periods, the horizon is \(horizon)")
        }
    }

    private func checkKeys(_ keys: some Sequence<Int>) throws {
        for l in keys where !hierarchy.levels.indices.contains(l) {
            throw ForecastError.invalidParameter(name: "levelForecasts", reason: "level index \(l) is not in 0..<\(hierarchy.levels.count)")
        }
    }

    private func checkLevel(_ lengths: [Int], level l: Int) throws {
        guard lengths.count == hierarchy.levels[l].count else {
            throw ForecastError.invalidParameter(name: "levelForecasts[\(l)]", reason: "has \(lengths.count) series for \(hierarchy.levels[l].count) groups")
        }
        for (g, n) in lengths.enumerated() where n != horizon {
            throw ForecastError.invalidParameter(name: "levelForecasts[\(l)][\(g)]", reason: "has \(n) periods, the horizon is \(horizon)")
        }
    }

    private func checkQuantilePaths(_ paths: [[[Double]]], count: Int, quantiles: Int, name: String) throws {
        guard paths.count == count else {
            throw ForecastError.invalidParameter(name: name, reason: "has \(paths.count) series, expected \(count)")
        }
        for (i, p) in paths.enumerated() {
            guard p.count == quantiles else {
                throw ForecastError.invalidParameter(name: "\(name)[\(i)]", reason: "has \(p.count) quantile paths for \(quantiles) quantiles")
            }
            for (j, path) in p.enumerated() where path.count != horizon {
                throw ForecastError.invalidParameter(name: "\(name)[\(i)][\(j)]", reason: "has \(path.count) periods, the horizon is \(horizon)")
            }
        }
    }
}
