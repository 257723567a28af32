import Boosting

extension GlobalModel {
    /// A training or prediction row: target `day` of `series`, sales known up to `origin`.
    struct Row: Sendable {
        var series: Int
        var day: Int
        var origin: Int
    }

    /// Rows with targets in `[from, to)` whose origin is on or after the series' first sale; with
    /// `older`, days before `from` are kept with probability `olderDaysFraction` (a fixed hash of
    /// series, day and seed).
    ///
    /// The origin is `origin` when given (every row forecast from one day, as in production);
    /// otherwise `minimumLag` days before the target, or in the horizon-aware design a horizon
    /// 1…`minimumLag` drawn by a fixed hash per row.
    func rows(_ panel: GlobalPanel, _ builder: GlobalFeatureBuilder, from: Int, to: Int, origin fixed: Int? = nil, older: Bool = false) -> [Row] {
        var rows: [Row] = []
        let lag = features.minimumLag
        let threshold = UInt64(olderDaysFraction * Double(UInt64.max >> 11)) << 11
        let seed = UInt64(parameters.seed)
        let sampled = older && olderDaysFraction > 0
        for s in panel.series.indices {
            guard let first = builder.statistics[s].firstSale else { continue }
            // A series whose first sale is after the window has no rows in it (an empty range, not a trap).
            let lower = max(first + 1, sampled ? 0 : from)
            guard lower < to else { continue }
            for t in lower..<to {
                if t < from {
                    guard sampled, Self.mix(UInt64(s) << 32 | UInt64(t), seed: seed) <= threshold else { continue }
                }
                let origin: Int
                if let fixed {
                    origin = fixed
                } else if horizonAware {
                    origin = t - 1 - Int(Self.mix(UInt64(s) << 32 | UInt64(t), seed: seed &+ 1) % UInt64(lag))
                } else {
                    origin = t - lag
                }
                if origin >= first { rows.append(Row(series: s, day: t, origin: origin)) }
            }
        }
        return rows
    }

    /// The feature matrix of `rows`, with their sales as labels unless `labels` is false.
    func matrix(_ rows: [Row], _ builder: GlobalFeatureBuilder, labels: Bool = true, seriesWeights: [Double]? = nil) throws -> FeatureMatrix {
        let columns = builder.columns
        var values = [Float](repeating: .nan, count: rows.count * columns)
        values.withUnsafeMutableBufferPointer { buffer in
            for (i, row) in rows.enumerated() {
                builder.fill(series: row.series, target: row.day, origin: row.origin, into: buffer.baseAddress! + i * columns)
            }
        }
        let y: [Float]? = labels ? rows.map { Float(builder.panel.series[$0.series].sales[$0.day]) } : nil
        let w: [Float]? = seriesWeights.map { weights in rows.map { Float(weights[$0.series]) } }
        return try FeatureMatrix(values: values, rows: rows.count, columns: columns, labels: y, weights: w, threads: parameters.threads)
    }

    /// 1 / the series' M5 squared scale (mean squared one-step change of its active history up to
    /// `end`), normalised to mean 1: weighting squared errors by it makes their sum track the
    /// mean RMSSE over series rather than the error of the busiest ones.
    func scaleWeights(_ panel: GlobalPanel, end: Int) -> [Double] {
        var weights = panel.series.map { s -> Double in
            let scale = PointMetrics.squaredScale(history: Array(s.sales.prefix(end)))
            return scale > 0 && scale.isFinite ? 1 / scale : 0
        }
        let positive = weights.filter { $0 > 0 }
        let mean = positive.isEmpty ? 1 : positive.reduce(0, +) / Double(positive.count)
        for i in weights.indices { weights[i] = weights[i] > 0 ? weights[i] / mean : 1 }
        return weights
    }

    /// SplitMix64 (Steele, Lea & Flood 2014): a well-mixed hash for reproducible subsampling.
    static func mix(_ x: UInt64, seed: UInt64) -> UInt64 {
        var z = x &+ seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
