import Forecasting
import Foundation
import Testing
import TestSupport

/// Tuning harness for the global model, run only when `STOREWISE_TUNE_GLOBAL` is set.
///
/// It never looks at the holdout: the panel ends at d_1857 and the variants are scored on
/// d_1858…d_1885, the last 28 days of the training range. Each variant is a comma-separated list
/// of `key=value` (keys below); variants are separated by `;`, e.g.
/// `STOREWISE_TUNE_GLOBAL="depth=6,eta=0.1;depth=8,power=1.3" swift test --filter GlobalModelTuning`.
@Suite struct GlobalModelTuningTests {
    @Test func tuneOnTheLastTrainingWindow() throws {
        guard let spec = ProcessInfo.processInfo.environment["STOREWISE_TUNE_GLOBAL"] else {
            print("SKIP tuneOnTheLastTrainingWindow: set STOREWISE_TUNE_GLOBAL to run the tuning harness")
            return
        }
        guard let m5 = M5Tiny.load() else { return }
        let cut = M5Tiny.trainDays - M5Tiny.horizon
        let panel = try GlobalPanel.m5(m5.dataset, historyDays: cut, horizon: M5Tiny.horizon)
        for variant in spec.split(separator: ";") {
            var model = GlobalModel()
            model.parameters.threads = 2
            for pair in variant.split(separator: ",") {
                let kv = pair.split(separator: "=").map { String($0).trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let v = Double(kv[1]) else { continue }
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
                case "calendar": model.features.calendar = v != 0
                case "price": model.features.price = v != 0
                case "identity": model.features.identity = v != 0
                case "groupagg": model.features.groupAggregates = v < 0 ? [] : [Int(v)]
                case "wtrain": model.scaleWeightedTraining = v != 0
                case "wvalid": model.scaleWeightedValidation = v != 0
                case "ha": model.horizonAware = v != 0
                default: Issue.record("unknown key \(kv[0])")
                }
            }
            let result = try model.forecast(panel)
            var rmsse = 0.0, mase = 0.0
            for i in panel.series.indices {
                let history = Array(m5.dataset.series[i].sales.prefix(cut))
                let actual = Array(m5.dataset.series[i].sales[cut..<(cut + M5Tiny.horizon)])
                rmsse += PointMetrics.rmsse(actual: actual, forecast: result.forecasts[i].mean, history: history)
                mase += PointMetrics.mase(actual: actual, forecast: result.forecasts[i].mean, history: history)
            }
            let n = Double(panel.series.count)
            print(String(format: "TUNE %@: RMSSE %.4f MASE %.4f rounds %d valid %.4f %.1f s",
                         String(variant), rmsse / n, mase / n, result.rounds, result.validationScore, result.seconds))
        }
    }
}
