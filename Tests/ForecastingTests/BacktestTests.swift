import Forecasting
import Testing
import TestSupport

/// The last value with a fixed ±1 interval at every requested level: intervals simple enough to
/// score by hand.
private struct LastValueBand: ForecastModel {
    var name: String { "LastValueBand" }
    func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try validateInput(y, horizon: horizon)
        let mean = [Double](repeating: y[y.count - 1], count: horizon)
        return Forecast(mean: mean, intervals: levels.map { PredictionInterval(level: $0, lower: mean.map { $0 - 1 }, upper: mean.map { $0 + 1 }) })
    }
}

/// Fails on histories shorter than 5, to show failures are recorded per window.
private struct NeedsFive: ForecastModel {
    var name: String { "NeedsFive" }
    func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        guard y.count >= 5 else { throw ForecastError.seriesTooShort(model: name, needed: 5, got: y.count) }
        return Forecast(mean: [Double](repeating: 0, count: horizon))
    }
}

@Suite struct BacktestTests {
    /// Length 10, 3 windows, step 2, horizon 3: test size 3 + 2·2 = 7, origins 10 − 7 = 3, then
    /// 5 and 7; the last window forecasts periods 7, 8, 9 (the series' end).
    /// With inputSize 4 the training slices start at max(0, 3−4) = 0, 5−4 = 1, 7−4 = 3.
    @Test func windowsAreStatsforecastsCrossValidationWindows() throws {
        let w = try BacktestWindow.windows(length: 10, count: 3, step: 2, horizon: 3)
        #expect(w.map(\.origin) == [3, 5, 7])
        #expect(w.map(\.testRange) == [3..<6, 5..<8, 7..<10])
        #expect(w.map(\.trainRange) == [0..<3, 0..<5, 0..<7])
        let sliding = try BacktestWindow.windows(length: 10, count: 3, step: 2, horizon: 3, inputSize: 4)
        #expect(sliding.map(\.trainRange) == [0..<3, 1..<5, 3..<7])
        // One window of the whole horizon: origin n − h.
        #expect(try BacktestWindow.windows(length: 30, count: 1, step: 1, horizon: 28).map(\.origin) == [2])
        // Test size 7 needs at least 8 periods (one to train on), as statsforecast requires.
        #expect(throws: ForecastError.seriesTooShort(model: "backtest", needed: 8, got: 7)) {
            try BacktestWindow.windows(length: 7, count: 3, step: 2, horizon: 3)
        }
        #expect(throws: ForecastError.invalidParameter(name: "step", reason: "must be at least 1, got 0")) {
            try Backtest(horizon: 3, windows: 2, step: 0)
        }
    }

    /// y = 1,3,2,5,4,6,8,7; horizon 2, 2 windows, step 2: test size 4, origins 4 and 6.
    /// Window 0: history 1,3,2,5 → Naive 5,5; actual 4,6; errors (f−a) 1,−1.
    ///   MAE 1, RMSE 1, bias 0. Diffs 2,−1,3: abs scale 2, squared scale 14/3.
    ///   MASE 1/2, RMSSE √(1/(14/3)) = √(3/14).
    /// Window 1: history 1,3,2,5,4,6 → Naive 6,6; actual 8,7; errors −2,−1.
    ///   MAE 1.5, MSE 2.5, bias −1.5. Diffs 2,−1,3,−1,2: abs scale 9/5, squared 19/5.
    ///   MASE 1.5/1.8, RMSSE √(2.5/3.8).
    @Test func naivePerWindowMetricsByHand() throws {
        let y: [Double] = [1, 3, 2, 5, 4, 6, 8, 7]
        let result = try Backtest(horizon: 2, windows: 2, step: 2).run(y, models: [Naive()])
        #expect(result.models == ["Naive"])
        #expect(result.cells.count == 2)
        let w0 = try #require(result.cell(series: 0, window: 0, model: 0))
        #expect(w0.window.origin == 4 && w0.actual == [4, 6] && w0.forecast?.mean == [5, 5])
        #expect(w0.forecast?.fitted == nil)
        let m0 = try #require(w0.metrics)
        #expect(m0.mae == 1 && m0.rmse == 1 && m0.bias == 0 && m0.mase == 0.5)
        #expect(abs(m0.rmsse - (3.0 / 14).squareRoot()) < 1e-15)
        let w1 = try #require(result.cell(series: 0, window: 1, model: 0))
        #expect(w1.window.origin == 6 && w1.actual == [8, 7] && w1.forecast?.mean == [6, 6])
        let m1 = try #require(w1.metrics)
        #expect(m1.mae == 1.5 && m1.bias == -1.5)
        #expect(abs(m1.rmse - 2.5.squareRoot()) < 1e-15)
        #expect(abs(m1.mase - 1.5 / 1.8) < 1e-15)
        #expect(abs(m1.rmsse - (2.5 / 3.8).squareRoot()) < 1e-15)
        // Residuals actual − forecast: −1, 1 and 2, 1. Means over the 2 windows: MAE 1.25.
        #expect(result.residuals(series: 0, model: 0) == [[-1, 1], [2, 1]])
        #expect(result.mean({ $0.mae }, model: 0).value == 1.25)
        #expect(result.meanBySeries({ $0.bias }, model: 0, seriesCount: 1) == [-0.75])
    }

    /// Same series and windows, interval 80 % = last ± 1; quantiles 0.1, 0.5, 0.9 are its
    /// bounds and the mean.
    /// Window 0 (actual 4,6; band [4,6]): both inside → coverage 1; Winkler = width 2.
    ///   Pinball u=.1 on 4,4: 0, .1·2 → .1; u=.5 on 5,5: .5, .5 → .5; u=.9 on 6,6: .1·2, 0 → .1.
    ///   Scaled: mean (.1+.5+.1)/3 = 0.7/3, over abs scale 2 → 0.7/6.
    /// Window 1 (actual 8,7; band [5,7]): 8 above by 1 → 2 + (2/0.2)·1 = 12; 7 inside → 2;
    ///   Winkler 7, coverage 0.5.
    @Test func intervalScoresByHand() throws {
        let y: [Double] = [1, 3, 2, 5, 4, 6, 8, 7]
        let backtest = try Backtest(horizon: 2, windows: 2, step: 2, levels: [80])
        #expect(backtest.quantiles.count == 3)
        let result = backtest.run(y, models: [LastValueBand()])
        let m0 = try #require(result.cell(series: 0, window: 0, model: 0)?.metrics)
        #expect(m0.coverage == [1] && m0.winkler == [2])
        #expect(m0.pinball.count == 3)
        for (p, e) in zip(m0.pinball, [0.1, 0.5, 0.1]) { #expect(abs(p - e) < 1e-15) }
        #expect(abs(m0.scaledPinball - 0.7 / 6) < 1e-15)
        let m1 = try #require(result.cell(series: 0, window: 1, model: 0)?.metrics)
        #expect(m1.coverage == [0.5])
        #expect(abs(m1.winkler[0] - 7) < 1e-12)
    }

    /// Many series at once: a short one is skipped with its reason, a failing model gets a cell
    /// with the failure and the run goes on.
    /// Series of length 7 with horizon 2, 2 windows, step 2: origins 3 and 5, so NeedsFive fails
    /// on the first (3 < 5) and forecasts on the second.
    @Test func manySeriesSkipsAndFailures() throws {
        let series: [[Double]] = [[1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4], [0, 0, 1, 0, 2, 0, 1]]
        let result = try Backtest(horizon: 2, windows: 2, step: 2).run(series, models: [Naive(), NeedsFive()])
        #expect(result.skipped.map(\.series) == [1])
        #expect(result.cells.count == 2 * 2 * 2)
        #expect(result.cells.map(\.series) == [0, 0, 0, 0, 2, 2, 2, 2])
        let failed = result.cells.filter { $0.failure != nil }
        #expect(failed.map(\.series) == [0, 2] && failed.allSatisfy { $0.model == 1 && $0.window.index == 0 })
        #expect(result.mean({ $0.mae }, model: 1).failures == 2)
        // NeedsFive forecasts 0, 0 at origin 5: series 0 actual 6,7 → MAE 6.5; series 2 actual 0,1 → 0.5.
        let bySeries = result.meanBySeries({ $0.mae }, model: 1, seriesCount: 3)
        #expect(bySeries[0] == 6.5 && bySeries[1].isNaN && bySeries[2] == 0.5)
    }

    /// m5_tiny cut at d_1913 (train + holdout): a 1-window backtest with horizon 28 places its
    /// origin at d_1885, exactly the reference run's split, so Naive's mean RMSSE and MASE must
    /// equal the reference scores file (0.990887, 1.328369).
    @Test func lastWindowIsTheReferenceHoldout() throws {
        guard let m5 = M5Tiny.load() else { return }
        let series = (0..<m5.dataset.series.count).map { Array(m5.dataset.series[$0].sales.prefix(M5Tiny.trainDays + M5Tiny.horizon)) }
        let result = try Backtest(horizon: 28, windows: 1, step: 28).run(series, models: [Naive()])
        #expect(result.cells.allSatisfy { $0.window.origin == M5Tiny.trainDays })
        let expected = try #require(m5.referenceScores["Naive"])
        #expect(abs(result.mean({ $0.rmsse }, model: 0).value - expected.rmsse) < 5e-6)
        #expect(abs(result.mean({ $0.mase }, model: 0).value - expected.mase) < 5e-6)
    }
}
