import Forecasting
import Foundation
import Testing
import TestSupport

/// Tuning harness for the global model, run only when `STOREWISE_TUNE_GLOBAL` is set.
///
/// It never looks at the holdout: each variant forecasts the last `STOREWISE_TUNE_WINDOWS`
/// (default 3) 28-day windows of the training range (d_1858…d_1885, d_1830…d_1857, …) from the
/// days before them, and prints the mean RMSSE and MASE averaged over the windows. A variant is a
/// comma-separated list of `key=value` (keys below); variants are separated by `;`, e.g.
/// `STOREWISE_TUNE_GLOBAL="eta=0.1;eta=0.05,patience=50" swift test --filter GlobalModelTuning`.
@Suite struct GlobalModelTuningTests {
    @Test func tuneOnTheTrainingRangeOnly() throws {
        guard let spec = ProcessInfo.processInfo.environment["STOREWISE_TUNE_GLOBAL"] else {
            print("SKIP tuneOnTheTrainingRangeOnly: set STOREWISE_TUNE_GLOBAL to run the tuning harness")
            return
        }
        guard let m5 = M5Tiny.load() else { return }
        let windows = Int(ProcessInfo.processInfo.environment["STOREWISE_TUNE_WINDOWS"] ?? "3") ?? 3
        for variant in spec.split(separator: ";") {
            let model = try Self.model(String(variant))
            var rmsse = 0.0, mase = 0.0, seconds = 0.0
            var rounds: [[Int]] = []
            for w in 1...windows {
                let cut = M5Tiny.trainDays - M5Tiny.horizon * w
                let panel = try GlobalPanel.m5(m5.dataset, historyDays: cut, horizon: M5Tiny.horizon)
                let result = try model.forecast(panel)
                for i in panel.series.indices {
                    let history = Array(m5.dataset.series[i].sales.prefix(cut))
                    let actual = Array(m5.dataset.series[i].sales[cut..<(cut + M5Tiny.horizon)])
                    rmsse += PointMetrics.rmsse(actual: actual, forecast: result.forecasts[i].mean, history: history)
                    mase += PointMetrics.mase(actual: actual, forecast: result.forecasts[i].mean, history: history)
                }
                seconds += result.seconds
                rounds.append(result.rounds)
            }
            let n = Double(windows * m5.dataset.series.count)
            print(String(format: "TUNE %@: RMSSE %.4f MASE %.4f, %.1f s per window", String(variant), rmsse / n, mase / n, seconds / Double(windows)) + ", rounds \(rounds)")
        }
    }

    /// The default model with the variant's settings applied.
    static func model(_ variant: String) throws -> GlobalModel {
        var model = GlobalModel()
        for pair in variant.split(separator: ",") {
            let kv = pair.split(separator: "=").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let v = Double(kv[1]) else { throw ForecastError.invalidParameter(name: String(pair), reason: "expected key=number") }
            switch kv[0] {
            case "depth": model.parameters.maxDepth = Int(v)
            case "eta": model.parameters.learningRate = v
            case "power": model.parameters.tweedieVariancePower = v
            case "days": model.trainingDays = Int(v)
            case "older": model.olderDaysFraction = v
            case "mcw": model.parameters.minChildWeight = v
            case "sub": model.parameters.subsample = v
            case "col": model.parameters.columnSampleByTree = v
            case "lambda": model.parameters.lambda = v
            case "bins": model.parameters.maxBin = Int(v)
            case "rounds": model.parameters.rounds = Int(v)
            case "patience": model.parameters.earlyStoppingRounds = Int(v)
            case "refit": model.refit = v != 0
            case "threads": model.parameters.threads = Int(v)
            case "seed": model.parameters.seed = Int(v)
            case "ensemble": model.ensembleSize = Int(v)
            case "wtrain": model.scaleWeightedTraining = v != 0
            case "wvalid": model.scaleWeightedValidation = v != 0
            case "horizonaware": model.horizonAware = v != 0
            case "calendar": model.features.calendar = v != 0
            case "price": model.features.price = v != 0
            case "identity": model.features.identity = v != 0
            case "ewm": model.features.smoothingAlphas = v == 0 ? [] : model.features.smoothingAlphas
            case "groupagg": model.features.groupAggregates = v < 0 ? [] : [Int(v)]
            default: throw ForecastError.invalidParameter(name: kv[0], reason: "unknown tuning key")
            }
        }
        return model
    }
}
