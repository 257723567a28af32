import Commerce
import Forecasting
import Storage

/// The per-series work of a forecast run, run on the worker threads.
extension ForecastJob {
    /// Densifies one series, forecasts it and checks the result; any failure becomes the
    /// series' error.
    static func forecast(_ input: SeriesInput, asOf: CivilDate, method: ForecastMethod, options: Options) -> SeriesOutcome {
        let history: DemandHistory
        do {
            guard let built = try DemandHistory(rows: input.rows, through: asOf, imputation: options.imputation) else {
                return SeriesOutcome(series: nil)
            }
            history = built
        } catch {
            return SeriesOutcome(series: ForecastSeries(
                variantID: input.variantID, locationID: input.locationID, historyStartDay: asOf.description,
                historyDays: 0, censoredDays: 0, expectedUnits: 0, error: "history: \(error)"))
        }
        var series = ForecastSeries(
            variantID: input.variantID, locationID: input.locationID, historyStartDay: history.day(at: 0).description,
            historyDays: history.count, censoredDays: history.censoredCount, expectedUnits: 0)
        do {
            let levels = options.levels.sorted()
            let forecast = try method.forecast(history.values, options.horizon, levels)
            series.days = try days(forecast, asOf: asOf, horizon: options.horizon, levels: levels)
            series.expectedUnits = series.days.reduce(0) { $0 + $1.mean }
            return SeriesOutcome(series: series, history: history, forecast: forecast)
        } catch {
            series.error = "\(error)"
        }
        return SeriesOutcome(series: series, history: history)
    }

    /// The forecast as stored days: demand is never negative, so every value is floored at 0.
    /// A level the model gave no interval for is stored as NaN bounds (null in the API).
    static func days(_ forecast: Forecast, asOf: CivilDate, horizon: Int, levels: [Double]) throws -> [ForecastDay] {
        guard forecast.mean.count == horizon else {
            throw ForecastError.invalidParameter(name: "mean", reason: "the model returned \(forecast.mean.count) values for horizon \(horizon)")
        }
        if let bad = forecast.mean.firstIndex(where: { !$0.isFinite }) {
            throw ForecastError.invalidParameter(name: "mean", reason: "the model returned a non-finite value at step \(bad + 1)")
        }
        let intervals = levels.map { forecast.interval(level: $0) }
        for interval in intervals.compactMap({ $0 }) where interval.lower.count != horizon || interval.upper.count != horizon {
            throw ForecastError.invalidParameter(name: "intervals", reason: "the \(interval.level)% interval does not have \(horizon) values")
        }
        return (0..<horizon).map { h in
            ForecastDay(
                day: asOf.adding(days: h + 1).description, mean: max(0, forecast.mean[h]),
                lower: intervals.map { $0.map { max(0, $0.lower[h]) } ?? .nan },
                upper: intervals.map { $0.map { max(0, $0.upper[h]) } ?? .nan })
        }
    }

    /// Summary figures stored with the run.
    static func metrics(_ series: [ForecastSeries], withoutSales: Int, seconds: Double) -> [String: Double] {
        let forecast = series.filter { $0.error == nil }
        let days = series.reduce(0) { $0 + $1.historyDays }
        let censored = series.reduce(0) { $0 + $1.censoredDays }
        return [
            "expected_units": forecast.reduce(0) { $0 + $1.expectedUnits },
            "history_days": Double(days),
            "censored_days": Double(censored),
            "censored_share": days > 0 ? Double(censored) / Double(days) : 0,
            "series_without_sales": Double(withoutSales),
            "series_per_second": seconds > 0 ? Double(series.count) / seconds : 0,
        ]
    }
}
