import Forecasting
import Foundation

/// One model's scores, summed over backtest windows and averaged when printed.
struct BacktestScores {
    var windows = 0
    var rmsse = 0.0
    var mase = 0.0
    var wrmsse = 0.0
    var wspl = 0.0
    var spl = 0.0
    var coverage95 = 0.0
    var seconds = 0.0
    var hasIntervals = true
    var hasHierarchy = true

    init() {}

    /// Scores of one window: level-12 means over the series, hierarchy scores when the
    /// evaluator could be built (it needs sell prices), quantile scores when the model gave the
    /// M5 intervals.
    init(run: M5Workload.ModelRun, dataset: M5Dataset, origin: Int, horizon: Int, evaluator: HierarchyEvaluator?) {
        windows = 1
        seconds = run.coldSeconds
        let n = Double(run.forecasts.count)
        var quantilePaths: [[[Double]]] = []
        for (i, f) in run.forecasts.enumerated() {
            let history = Array(dataset.series[i].sales.prefix(origin))
            let actual = Array(dataset.series[i].sales[origin..<(origin + horizon)])
            rmsse += PointMetrics.rmsse(actual: actual, forecast: f.mean, history: history) / n
            mase += PointMetrics.mase(actual: actual, forecast: f.mean, history: history) / n
            let paths = QuantileLevels.m5.map { f.quantile($0) }
            if paths.allSatisfy({ $0 != nil }) {
                let p = paths.map { $0! }
                quantilePaths.append(p)
                spl += IntervalMetrics.meanScaledPinball(actual: actual, quantileForecasts: p, quantiles: QuantileLevels.m5, history: history) / n
                if let i95 = f.interval(level: 95) { coverage95 += IntervalMetrics.coverage(actual: actual, interval: i95) / n }
            } else {
                hasIntervals = false
            }
        }
        if let evaluator {
            wrmsse = (try? evaluator.wrmsse(forecasts: run.forecasts.map(\.mean)).overall) ?? .nan
            if hasIntervals {
                wspl = (try? evaluator.wspl(quantiles: QuantileLevels.m5, forecasts: quantilePaths).overall) ?? .nan
            }
        } else {
            hasHierarchy = false
        }
    }

    mutating func add(_ other: BacktestScores) {
        windows += other.windows
        rmsse += other.rmsse
        mase += other.mase
        wrmsse += other.wrmsse
        wspl += other.wspl
        spl += other.spl
        coverage95 += other.coverage95
        seconds += other.seconds
        hasIntervals = hasIntervals && other.hasIntervals
        hasHierarchy = hasHierarchy && other.hasHierarchy
    }

    private func mean(_ v: Double) -> Double { v / Double(max(windows, 1)) }

    static func table(_ rows: [(String, BacktestScores)]) -> String {
        let width = max(12, rows.map(\.0.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
        func num(_ v: Double, _ ok: Bool) -> String { ok && v.isFinite ? String(format: "%8.4f", v) : "       —" }
        var lines = [pad("model", width) + "    RMSSE     MASE   WRMSSE     WSPL  SPL(12)   cov95  seconds"]
        for (name, s) in rows.sorted(by: { $0.1.rmsse < $1.1.rmsse }) {
            lines.append(pad(name, width) + " " + [
                num(s.mean(s.rmsse), true), num(s.mean(s.mase), true), num(s.mean(s.wrmsse), s.hasHierarchy),
                num(s.mean(s.wspl), s.hasHierarchy && s.hasIntervals), num(s.mean(s.spl), s.hasIntervals),
                s.hasIntervals ? String(format: "%7.3f", s.mean(s.coverage95)) : "      —",
                String(format: "%8.2f", s.mean(s.seconds)),
            ].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    static func csv(_ rows: [(String, BacktestScores)]) -> String {
        var text = "model,windows,mean_rmsse,mean_mase,wrmsse,wspl,mean_spl,coverage95,seconds\n"
        for (name, s) in rows {
            let values = [s.mean(s.rmsse), s.mean(s.mase), s.hasHierarchy ? s.mean(s.wrmsse) : .nan,
                          s.hasHierarchy && s.hasIntervals ? s.mean(s.wspl) : .nan, s.hasIntervals ? s.mean(s.spl) : .nan,
                          s.hasIntervals ? s.mean(s.coverage95) : .nan, s.mean(s.seconds)]
            text += "\"\(name)\",\(s.windows)," + values.map { $0.isFinite ? String(format: "%.6f", $0) : "" }.joined(separator: ",") + "\n"
        }
        return text
    }
}
