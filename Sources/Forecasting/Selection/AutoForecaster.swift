/// Picks, per series, the forecasting method that did best in rolling-origin cross-validation
/// among candidates suited to the series' demand pattern, or combines the candidates.
///
/// 1. The series is classified by the Syntetos–Boylan–Croston rule (``DemandClass``).
/// 2. Each candidate of that class forecasts from `windows` earlier origins (rolling origin,
///    `step` apart, the last one `horizon` before the end) and is scored by mean RMSSE
///    on the M5 scale of the history up to each origin.
/// 3. The result is the best candidate (`.best`) or the mean or median of the `ensembleSize`
///    best (`.mean`, `.median`; ensembles of diverse methods are the robust choice in M4/M5).
/// 4. Intervals: for count data, quantiles of a negative binomial around each point forecast
///    whose dispersion matches the cross-validation errors; otherwise split-conformal intervals
///    from the pooled absolute cross-validation errors (Vovk et al. 2005), floored at zero.
///
/// ```swift
/// let auto = AutoForecaster(seasonLength: 7)
/// let result = try auto.fit(history, horizon: 28, levels: [50, 95])
/// result.method   // e.g. "median of TSB(0.1,0.1)×Profile(7), AutoETS(7), ADIDA"
/// ```
public struct AutoForecaster: ForecastModel {
    /// How the cross-validated candidates become one forecast.
    public enum Combination: String, Sendable, CaseIterable {
        case best, mean, median
    }

    public var seasonLength: Int
    public var candidates: CandidateSet
    public var windows: Int
    /// Distance between origins; `nil` means one horizon.
    public var step: Int?
    public var combination: Combination
    /// How many of the best candidates an ensemble combines.
    public var ensembleSize: Int

    public init(
        seasonLength: Int = 7, candidates: CandidateSet? = nil, windows: Int = 4, step: Int? = nil,
        combination: Combination = .median, ensembleSize: Int = 3
    ) {
        self.seasonLength = seasonLength
        self.candidates = candidates ?? .standard(seasonLength: seasonLength)
        self.windows = windows
        self.step = step
        self.combination = combination
        self.ensembleSize = ensembleSize
    }

    public var name: String {
        combination == .best ? "AutoForecaster(\(seasonLength))" : "AutoForecaster(\(seasonLength),\(combination.rawValue))"
    }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try fit(y, horizon: horizon, levels: levels).forecast
    }

    /// Forecasts and explains the choice: pattern, candidates' scores, method used.
    public func fit(_ y: [Double], horizon: Int, levels: [Double] = []) throws -> AutoForecast {
        try validateInput(y, horizon: horizon)
        guard windows >= 1 else { throw ForecastError.invalidParameter(name: "windows", reason: "must be at least 1, got \(windows)") }
        guard ensembleSize >= 1 else { throw ForecastError.invalidParameter(name: "ensembleSize", reason: "must be at least 1, got \(ensembleSize)") }
        let step = self.step ?? horizon
        guard step >= 1 else { throw ForecastError.invalidParameter(name: "step", reason: "must be at least 1, got \(step)") }

        let pattern = DemandPattern(y)
        // A series that never sold is routed with the lumpy ones: their models forecast zero.
        let demandClass = pattern.demandClass() ?? .lumpy
        let models = candidates.models(for: demandClass)
        guard !models.isEmpty else { throw ForecastError.invalidParameter(name: "candidates", reason: "no candidate for \(demandClass)") }

        // Origins that leave at least two seasons of history; short series skip validation.
        let minimumHistory = max(2 * seasonLength, 14)
        let origins = (0..<windows).map { y.count - horizon - ($0 * step) }.filter { $0 >= minimumHistory }.reversed()

        var scores = [Double](repeating: 0, count: models.count)
        var windowForecasts: [[[Double]]] = Array(repeating: [], count: models.count)  // [model][window][h]
        var failed = [Bool](repeating: false, count: models.count)
        for origin in origins {
            let history = Array(y[..<origin])
            let actual = Array(y[origin..<(origin + horizon)])
            let scale = PointMetrics.squaredScale(history: history)
            for (k, model) in models.enumerated() where !failed[k] {
                guard let f = try? model.forecast(history, horizon: horizon, levels: []) else { failed[k] = true; continue }
                windowForecasts[k].append(f.mean)
                let mse = PointMetrics.mse(actual: actual, forecast: f.mean)
                scores[k] += scale > 0 ? (mse / scale).squareRoot() : mse.squareRoot()
            }
        }
        let validated = !origins.isEmpty
        var ranking = models.indices.filter { !failed[$0] }
        if validated {
            ranking.sort { scores[$0] < scores[$1] }
        }
        let chosen = Array(ranking.prefix(combination == .best ? 1 : ensembleSize))
        let reduction: Ensemble.Reduction = combination == .median ? .median : .mean

        // Final fits on the whole history.
        var finals: [(index: Int, forecast: Forecast)] = []
        for k in chosen {
            if let f = try? models[k].forecast(y, horizon: horizon, levels: []) { finals.append((k, f)) }
        }
        if finals.isEmpty {
            // Every chosen candidate failed on the full history: fall back to the others in order.
            for k in ranking.dropFirst(chosen.count) {
                if let f = try? models[k].forecast(y, horizon: horizon, levels: []) { finals = [(k, f)]; break }
            }
        }
        guard !finals.isEmpty else {
            throw ForecastError.optimizationFailed(model: name, reason: "every candidate failed on this series")
        }
        let mean = Ensemble.combine(finals.map(\.forecast.mean), reduction)

        // Cross-validation errors of the combination itself, for the intervals.
        var errors: [Double] = []
        if validated {
            let used = finals.map(\.index)
            for (w, origin) in origins.enumerated() {
                let perModel = used.compactMap { windowForecasts[$0].indices.contains(w) ? windowForecasts[$0][w] : nil }
                guard perModel.count == used.count else { continue }
                let combined = Ensemble.combine(perModel, reduction)
                for h in 0..<horizon { errors.append(y[origin + h] - combined[h]) }
            }
        }
        let intervals = IntervalBuilder.intervals(mean: mean, errors: errors, history: y, levels: levels)
        let method = finals.count == 1 ? models[finals[0].index].name
            : "\(combination.rawValue) of " + finals.map { models[$0.index].name }.joined(separator: ", ")
        return AutoForecast(
            forecast: Forecast(mean: mean, intervals: intervals),
            pattern: pattern,
            demandClass: demandClass,
            method: method,
            scores: validated ? ranking.map { (models[$0].name, scores[$0] / Double(origins.count)) } : [])
    }
}
