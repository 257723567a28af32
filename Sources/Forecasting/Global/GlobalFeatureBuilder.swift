/// Writes `GlobalFeatures` rows for a panel into a row-major `Float` buffer (`.nan` = missing).
struct GlobalFeatureBuilder: Sendable {
    let features: GlobalFeatures
    let panel: GlobalPanel
    let statistics: [GlobalSeriesStatistics]
    /// Per aggregate group in `features.groupAggregates`, per code: statistics of the members' mean sales.
    let aggregates: [[GlobalSeriesStatistics]]
    let horizonFeature: Bool
    let columns: Int

    init(features: GlobalFeatures, panel: GlobalPanel, horizonFeature: Bool) {
        self.features = features
        self.panel = panel
        self.horizonFeature = horizonFeature
        statistics = panel.series.map { GlobalSeriesStatistics(sales: $0.sales, prices: $0.prices, alphas: features.smoothingAlphas) }
        let n = panel.historyLength
        aggregates = features.groupAggregates.map { g in
            let codeCount = (panel.series.map { $0.groups[g] }.max() ?? 0) + 1
            var sums = [[Double]](repeating: [Double](repeating: 0, count: n), count: codeCount)
            var members = [Double](repeating: 0, count: codeCount)
            for s in panel.series {
                let c = s.groups[g]
                members[c] += 1
                for d in 0..<n { sums[c][d] += s.sales[d] }
            }
            return (0..<codeCount).map { c in
                GlobalSeriesStatistics(sales: sums[c].map { $0 / max(1, members[c]) }, prices: [])
            }
        }
        columns = features.names(groupNames: panel.groupNames, horizonFeature: horizonFeature).count
    }

    /// Fills `columns` values at `out` for series `s`, target day `t`, sales known up to day `origin`.
    func fill(series s: Int, target t: Int, origin o: Int, into out: UnsafeMutablePointer<Float>) {
        let stats = statistics[s]
        let series = panel.series[s]
        let first = stats.firstSale ?? Int.max
        var c = 0
        @inline(__always) func put(_ value: Double) {
            out[c] = Float(value)
            c += 1
        }
        series.sales.withUnsafeBufferPointer { y in
            for j in features.originLags {
                let d = o - j
                put(d >= first ? y[d] : .nan)
            }
            for k in features.targetLags {
                let d = t - k
                put(d <= o && d >= first ? y[d] : .nan)
            }
            for w in features.rollingWindows {
                put(stats.mean(end: o, width: w))
                put(stats.standardDeviation(end: o, width: w))
            }
            for a in features.smoothingAlphas.indices {
                put(o >= 0 ? stats.smoothedMeans[a][o] : .nan)
                put(o >= 0 ? stats.smoothedOccurrence[a][o] : .nan)
            }
            for w in features.zeroShareWindows { put(stats.zeroShare(end: o, width: w)) }
            // The target's weekday at or before the origin: t − 7k for the smallest such k ≥ 1.
            let newest = t - 7 * max(1, (t - o + 6) / 7)
            for weeks in features.sameWeekdayWeeks {
                var sum = 0.0, count = 0.0
                var d = newest
                for _ in 0..<weeks where d >= first {
                    sum += y[d]
                    count += 1
                    d -= 7
                }
                put(count > 0 ? sum / count : .nan)
            }
        }
        put(o >= first ? (stats.prefix[o + 1] - stats.prefix[first]) / Double(o - first + 1) : .nan)
        let last = o >= 0 ? Int(stats.lastSale[o]) : -1
        put(last >= 0 ? Double(o - last) : .nan)
        put(o >= first ? Double(t - first) : .nan)
        if horizonFeature { put(Double(t - o)) }
        if features.calendar {
            let day = panel.days[t]
            put(Double(day.dayOfWeek))
            put(Double(day.month))
            put(Double(day.dayOfMonth))
            put(Double(day.event))
            put(Double(day.eventType))
            put(series.region.map { day.regionFlags[$0] ? 1 : 0 } ?? .nan)
        }
        if features.price {
            let p = series.prices[t]
            let weekBefore = t >= 7 ? series.prices[t - 7] : .nan
            put(p)
            put(p / stats.meanPrice)
            put(p / stats.maxPrice)
            put(weekBefore.isNaN || weekBefore == 0 ? .nan : p / weekBefore - 1)
            put(p.isNaN ? .nan : (p < 0.99 * stats.maxPrice ? 1 : 0))
        }
        if features.identity {
            for g in series.groups { put(Double(g)) }
            put(Double(s))
        }
        for (a, g) in features.groupAggregates.enumerated() {
            let group = aggregates[a][series.groups[g]]
            for w in features.groupAggregateWindows { put(group.mean(end: o, width: w)) }
        }
        assert(c == columns)
    }
}
