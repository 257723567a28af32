/// The element-wise mean or median of several models' forecasts.
///
/// Combining diverse methods is the most reliable gain in the M competitions (the M4 and M5
/// benchmarks' combinations, statsforecast's ETS + DOT median on M5). Intervals are combined
/// by averaging (or taking the median of) the members' bounds level by level, "quantile
/// averaging" (Lichtendahl, Grushka-Cockayne & Winkler 2013), when every member gives them.
public struct Ensemble: ForecastModel {
    public enum Reduction: String, Sendable, CaseIterable {
        case mean, median
    }

    public var models: [any ForecastModel]
    public var reduction: Reduction

    public init(_ models: [any ForecastModel], reduction: Reduction = .median) {
        self.models = models
        self.reduction = reduction
    }

    public var name: String {
        "\(reduction == .mean ? "Mean" : "Median")(\(models.map(\.name).joined(separator: ", ")))"
    }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        guard !models.isEmpty else { throw ForecastError.invalidParameter(name: "models", reason: "an ensemble needs at least one model") }
        let members = try models.map { try $0.forecast(y, horizon: horizon, levels: levels) }
        let mean = Self.combine(members.map(\.mean), reduction)
        var intervals: [PredictionInterval] = []
        for level in levels {
            let bounds = members.compactMap { $0.interval(level: level) }
            guard bounds.count == members.count else { continue }
            intervals.append(PredictionInterval(
                level: level, lower: Self.combine(bounds.map(\.lower), reduction), upper: Self.combine(bounds.map(\.upper), reduction)))
        }
        return Forecast(mean: mean, intervals: intervals)
    }

    /// Element-wise mean or median of equally long paths.
    public static func combine(_ paths: [[Double]], _ reduction: Reduction) -> [Double] {
        precondition(!paths.isEmpty, "nothing to combine")
        guard paths.count > 1 else { return paths[0] }
        let h = paths[0].count
        var out = [Double](repeating: 0, count: h)
        var column = [Double](repeating: 0, count: paths.count)
        for t in 0..<h {
            for k in paths.indices { column[k] = paths[k][t] }
            switch reduction {
            case .mean:
                out[t] = column.reduce(0, +) / Double(column.count)
            case .median:
                column.sort()
                let c = column.count
                out[t] = c % 2 == 1 ? column[c / 2] : (column[c / 2 - 1] + column[c / 2]) / 2
            }
        }
        return out
    }
}
