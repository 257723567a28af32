import Commerce
import Crypto
import Forecasting
import Foundation
import Monitoring
import Storage

/// Demand forecast per variant × location: evaluated by forecasting the last `horizon` days
/// from the history before them (nothing stored) against the demand that happened, then fitted
/// on everything by `ForecastJob.run`. Promotion compares the holdout MASE (lower is better).
public struct ForecastKind: ModelKind {
    public let name = "forecast"
    public let title = "Demand forecast"
    public let primaryMetric = "mase"
    public let higherIsBetter = false
    public let projectionTables = ["daily_demand"]

    let store: any LifecycleStore
    let options: ForecastJob.Options
    let method: ForecastMethod

    public init(store: any LifecycleStore, options: ForecastJob.Options, method: ForecastMethod = .standard) {
        self.store = store; self.options = options; self.method = method
    }

    public var parameters: [String: String] {
        ["method": method.name, "method_version": method.version, "horizon": "\(options.horizon)",
         "global_model": options.globalModel ? "true" : "false"]
    }

    /// The options with the recognised parameters applied; an unreadable value names its key.
    func options(_ parameters: [String: String]) throws -> ForecastJob.Options {
        var options = options
        if let text = parameters["horizon"] {
            guard let value = Int(text), (1...366).contains(value) else {
                throw LifecycleError.invalidPayload("parameters.horizon '\(text)' is not a day count in 1...366")
            }
            options.horizon = value
        }
        if let text = parameters["global_model"] {
            guard let value = Bool(text) else { throw LifecycleError.invalidPayload("parameters.global_model '\(text)' is not true or false") }
            options.globalModel = value
        }
        return options
    }

    public func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel {
        let options = try options(parameters)
        guard let latestText = try await store.latestDemandDay(shopID: shopID), let latest = CivilDate(latestText) else {
            throw ForecastJobError.noDemand(shopID: shopID)
        }
        progress("holdout: forecasting the last \(options.horizon) days from the history before them")
        let measured = try await holdout(shopID: shopID, options: options, latest: latest)
        let metrics = measured.filter { ["mase", "rmsse", "bias"].contains($0.key) }
        progress("fitting on the history through \(latest)")
        let job = ForecastJob(demand: store, store: store, method: method, options: options)
        let run = try await job.run(shopID: shopID, asOf: latest)
        let series = try await store.forecastSeriesWithDays(shopID: shopID, runID: run.id)
        return TrainedModel(
            holdoutMetrics: metrics, artifactURI: "forecast-run:\(run.id)", artifactDigest: Self.digest(series), asOfDay: run.asOfDay,
            summary: ["series": Double(run.seriesCount), "failed_series": Double(run.failedCount),
                      "expected_units": run.metrics["expected_units"] ?? 0, "seconds": run.durationSeconds,
                      "holdout_series": measured["series"] ?? 0, "holdout_points": measured["points"] ?? 0])
    }

    /// MASE, RMSSE and bias of a forecast made as of `latest − horizon` against the demand of
    /// the `horizon` days after it; empty when no series could be scored.
    func holdout(shopID: Int64, options: ForecastJob.Options, latest: CivilDate) async throws -> [String: Double] {
        let cut = latest.adding(days: -options.horizon)
        let job = ForecastJob(demand: store, store: store, method: method, options: options)
        let computed: ForecastJob.Computed
        do {
            computed = try await job.forecasts(shopID: shopID, asOf: cut)
        } catch ForecastJobError.noDemand {
            return [:]
        }
        let actuals = try await store.stockedDemand(shopID: shopID, variantID: nil, locationID: nil,
                                                    fromDay: cut.adding(days: 1).description, throughDay: latest.description)
        let series = Self.accuracySeries(computed, actuals: actuals)
        return Self.measure(series)
    }

    /// One (forecast, actual, history) triple per successfully forecast series: the actual of
    /// a day without a demand row is 0 units.
    static func accuracySeries(_ computed: ForecastJob.Computed, actuals: [StockedDemandDay]) -> [AccuracySeries] {
        var units: [String: [String: Double]] = [:]
        for row in actuals { units["\(row.variantID)@\(row.locationID)", default: [:]][row.day, default: 0] += Double(row.units) }
        var result: [AccuracySeries] = []
        for (series, history) in zip(computed.series, computed.histories) where series.error == nil && !series.days.isEmpty {
            let days = units["\(series.variantID)@\(series.locationID)"] ?? [:]
            result.append(AccuracySeries(forecast: series.days.map(\.mean), actual: series.days.map { days[$0.day] ?? 0 }, history: history))
        }
        return result
    }

    /// `LiveAccuracy.measure`'s figures by metric name (`mase`, `rmsse`, `bias`, and the
    /// `series` and `points` scored); empty when no series has a usable scale.
    static func measure(_ series: [AccuracySeries]) -> [String: Double] {
        guard let report = LiveAccuracy.measure(series) else { return [:] }
        return ["mase": report.mase, "rmsse": report.rmsse, "bias": report.bias, "series": Double(report.series),
                "points": Double(report.points)]
    }

    /// Hex SHA-256 over every stored series' key and daily means.
    static func digest(_ series: [ForecastSeries]) -> String {
        var hash = SHA256()
        for item in series.sorted(by: { ($0.variantID, $0.locationID) < ($1.variantID, $1.locationID) }) {
            var line = "\(item.variantID)@\(item.locationID):"
            for day in item.days { line += "\(day.day)=\(day.mean);" }
            hash.update(data: Data(line.utf8))
        }
        return hash.finalize().hexString
    }

    /// The version's stored forecasts for the days after its as-of day that now have demand
    /// (through the latest demand day), against that demand; the scale is each series' history
    /// through the as-of day, rebuilt as the run built it. Nil when no such day exists yet or
    /// the run is gone.
    public func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord? {
        guard let runID = Self.runID(version.draft.artifactURI), let asOfText = version.draft.data.asOfDay,
              let asOf = CivilDate(asOfText), let latestText = try await store.latestDemandDay(shopID: shopID),
              let latest = CivilDate(latestText), latest > asOf else { return nil }
        let stored = try await store.forecastSeriesWithDays(shopID: shopID, runID: runID)
        guard !stored.isEmpty else { return nil }
        let rows = try await store.stockedDemand(shopID: shopID, variantID: nil, locationID: nil, fromDay: nil, throughDay: latest.description)
        let series = Self.liveSeries(stored, rows: rows, asOf: asOf, latest: latest, imputation: options.imputation)
        let metrics = Self.measure(series)
        guard !series.isEmpty, !metrics.isEmpty else { return nil }
        let through = min(latest, asOf.adding(days: stored.map(\.days.count).max() ?? 0))
        return LiveAccuracyRecord(
            shopID: shopID, kind: name, version: version.version, measuredAt: Date(), fromDay: asOf.adding(days: 1).description,
            throughDay: through.description, series: Int(metrics["series"] ?? Double(series.count)),
            days: through.dayNumber - asOf.dayNumber,
            metrics: metrics.filter { ["mase", "rmsse", "bias"].contains($0.key) }, holdoutValue: version.primaryValue)
    }

    /// Per stored series: its forecast days after `asOf` through `latest`, the demand of those
    /// days (0 without a row), and its history through `asOf` (imputed as a run imputes it).
    static func liveSeries(_ stored: [ForecastSeries], rows: [StockedDemandDay], asOf: CivilDate, latest: CivilDate,
                           imputation: CensoredDemand) -> [AccuracySeries] {
        var byKey: [String: [StockedDemandDay]] = [:]
        for row in rows { byKey["\(row.variantID)@\(row.locationID)", default: []].append(row) }
        let latestText = latest.description
        var result: [AccuracySeries] = []
        for item in stored where item.error == nil {
            let days = item.days.filter { $0.day <= latestText }
            guard !days.isEmpty else { continue }
            let seriesRows = byKey["\(item.variantID)@\(item.locationID)"] ?? []
            var units: [String: Double] = [:]
            for row in seriesRows { units[row.day, default: 0] += Double(row.units) }
            guard let history = try? DemandHistory(rows: seriesRows, through: asOf, imputation: imputation) else { continue }
            result.append(AccuracySeries(forecast: days.map(\.mean), actual: days.map { units[$0.day] ?? 0 }, history: history.values))
        }
        return result
    }

    /// Expected units over the horizon per series of the version's run.
    public func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn] {
        guard let runID = Self.runID(version.draft.artifactURI) else { return [] }
        let series = try await store.forecastSeriesWithDays(shopID: shopID, runID: runID)
        return [.numerical("expected_units", series.filter { $0.error == nil }.map(\.expectedUnits))]
    }

    /// The run id of "forecast-run:<id>".
    static func runID(_ uri: String) -> Int64? {
        guard uri.hasPrefix("forecast-run:") else { return nil }
        return Int64(uri.dropFirst("forecast-run:".count))
    }
}
