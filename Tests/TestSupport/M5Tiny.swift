import Forecasting
import Foundation

/// The real M5 subset in `../shared/data-forecast/m5_tiny` with statsforecast 2.1.1's forecasts
/// and scores beside it (train d_1…d_1885, horizon 28). Loaded once per test process.
public struct M5Tiny: Sendable {
    public static let trainDays = 1885
    public static let horizon = 28

    /// All 280 series over d_1…d_1913, calendar and prices.
    public var dataset: M5Dataset
    /// statsforecast's forecasts: model name → series id → 28 values.
    public var referenceForecasts: [String: [String: [Double]]]
    /// statsforecast's unweighted means over the 280 series: model name → (RMSSE, MASE).
    public var referenceScores: [String: (rmsse: Double, mase: Double)]

    /// The training part (first 1885 days) of series `i`.
    public func train(_ i: Int) -> [Double] { Array(dataset.series[i].sales.prefix(Self.trainDays)) }
    /// The 28 held-out days of series `i`.
    public func actual(_ i: Int) -> [Double] { Array(dataset.series[i].sales[Self.trainDays..<(Self.trainDays + Self.horizon)]) }

    /// The data, or nil after printing a SKIP line when `../shared` is absent.
    public static func load(skipping test: String = #function) -> M5Tiny? {
        guard SharedData.file("data-forecast/m5_tiny/sales_train_validation_tiny.csv", skipping: test) != nil else { return nil }
        return cached
    }

    private static let cached: M5Tiny? = {
        let dir = SharedData.root.appendingPathComponent("data-forecast/m5_tiny")
        func text(_ name: String) -> String? { try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        guard let sales = text("sales_train_validation_tiny.csv"), let calendar = text("calendar_tiny.csv"),
              let prices = text("sell_prices_tiny.csv"), let forecasts = text("reference_forecasts_statsforecast_2.1.1_h28.csv"),
              let scores = text("reference_scores_statsforecast_2.1.1_h28.csv") else { return nil }
        do {
            let dataset = M5Dataset(
                series: try M5Dataset.parseSales(sales), calendar: try M5Dataset.parseCalendar(calendar),
                prices: try M5Dataset.parsePrices(prices))
            return M5Tiny(dataset: dataset, referenceForecasts: parseForecasts(forecasts), referenceScores: parseScores(scores))
        } catch {
            print("M5Tiny: cannot parse m5_tiny: \(error)")
            return nil
        }
    }()

    private static func parseForecasts(_ text: String) -> [String: [String: [Double]]] {
        let lines = text.split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        var result: [String: [String: [Double]]] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let id = String(f[0])
            for c in 3..<header.count {
                result[header[c], default: [:]][id, default: []].append(Double(f[c]) ?? .nan)
            }
        }
        return result
    }

    private static func parseScores(_ text: String) -> [String: (rmsse: Double, mase: Double)] {
        var result: [String: (rmsse: Double, mase: Double)] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",")
            result[String(f[0])] = (Double(f[1])!, Double(f[2])!)
        }
        return result
    }
}

extension M5Tiny {
    /// Unweighted mean RMSSE and MASE (M5 scale) of `forecasts[i]` against the holdout, over all
    /// series: the statistic the reference scores file reports.
    public func meanScores(_ forecasts: [[Double]]) -> (rmsse: Double, mase: Double) {
        var rmsse = 0.0, mase = 0.0
        for i in forecasts.indices {
            rmsse += PointMetrics.rmsse(actual: actual(i), forecast: forecasts[i], history: train(i))
            mase += PointMetrics.mase(actual: actual(i), forecast: forecasts[i], history: train(i))
        }
        return (rmsse / Double(forecasts.count), mase / Double(forecasts.count))
    }

    /// statsforecast's reference forecast for series `i` under `model` (a column name of the file).
    public func reference(_ model: String, series i: Int) -> [Double]? {
        referenceForecasts[model]?[dataset.series[i].id]
    }
}
