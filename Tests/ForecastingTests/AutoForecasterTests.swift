import Forecasting
import Testing

@Suite struct AutoForecasterTests {
    /// A model that always forecasts `value`, to make choices checkable by hand.
    struct Constant: ForecastModel {
        var value: Double
        var name: String { "Constant(\(value))" }
        func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
            Forecast(mean: Array(repeating: value, count: horizon))
        }
    }

    /// On y = 0…99 (a straight line), every rolling-origin window puts Naive's error at 1…h and
    /// HistoricAverage's at about half the history's length more, so `.best` picks Naive and
    /// forecasts the last value, 99.
    @Test func picksTheModelWithTheLowestCrossValidatedError() throws {
        let y = (0..<100).map(Double.init)
        let auto = AutoForecaster(seasonLength: 7, candidates: CandidateSet(all: [HistoricAverage(), Naive()]), windows: 3, combination: .best)
        let result = try auto.fit(y, horizon: 5)
        #expect(result.method == "Naive")
        #expect(result.forecast.mean == [99, 99, 99, 99, 99])
        #expect(result.scores.map(\.model) == ["Naive", "HistoricAverage"])
        #expect(result.demandClass == .smooth)
    }

    /// Median of the three best of constants 1, 2, 10 and 50 on a series equal to 2: the three
    /// closest (2, 1, 10) are kept and their median is 2; their mean is 13/3.
    @Test func combinesTheBestCandidates() throws {
        let y = [Double](repeating: 2, count: 60)
        let pool = CandidateSet(all: [Constant(value: 50), Constant(value: 1), Constant(value: 10), Constant(value: 2)])
        let median = try AutoForecaster(candidates: pool, windows: 2, combination: .median, ensembleSize: 3).fit(y, horizon: 3)
        #expect(median.forecast.mean == [2, 2, 2])
        #expect(median.method == "median of Constant(2.0), Constant(1.0), Constant(10.0)")
        let mean = try AutoForecaster(candidates: pool, windows: 2, combination: .mean, ensembleSize: 3).fit(y, horizon: 3)
        #expect(abs(mean.forecast.mean[0] - 13.0 / 3) < 1e-12)
    }

    /// A history shorter than two seasons cannot be validated: the first candidate is used.
    @Test func shortHistoryUsesTheFirstCandidate() throws {
        let pool = CandidateSet(all: [Constant(value: 3), Constant(value: 4)])
        let result = try AutoForecaster(candidates: pool, combination: .best).fit([1, 0, 2, 0, 1], horizon: 2)
        #expect(result.forecast.mean == [3, 3])
        #expect(result.scores.isEmpty)
    }

    /// Count data gets integer, non-negative interval bounds that widen with the level.
    @Test func countDataGetsCountIntervals() throws {
        let y: [Double] = (0..<120).map { [0, 1, 0, 3, 0, 0, 2][$0 % 7] }
        let f = try AutoForecaster(seasonLength: 7).forecast(y, horizon: 7, levels: [50, 95])
        let i50 = try #require(f.interval(level: 50)), i95 = try #require(f.interval(level: 95))
        for h in 0..<7 {
            #expect(i95.lower[h] >= 0 && i95.lower[h] == i95.lower[h].rounded())
            #expect(i95.lower[h] <= i50.lower[h] && i50.upper[h] <= i95.upper[h])
        }
    }

    @Test func rejectsZeroWindowsNamingTheField() {
        #expect(throws: ForecastError.invalidParameter(name: "windows", reason: "must be at least 1, got 0")) {
            try AutoForecaster(windows: 0).forecast([1, 2, 3], horizon: 1)
        }
    }

    /// The ensemble's median of constants 1, 2 and 10 is 2; its mean 13/3.
    @Test func ensembleCombinesElementWise() throws {
        let models: [any ForecastModel] = [Constant(value: 1), Constant(value: 2), Constant(value: 10)]
        #expect(try Ensemble(models, reduction: .median).forecast([0], horizon: 2).mean == [2, 2])
        #expect(try Ensemble(models, reduction: .mean).forecast([0], horizon: 1).mean[0] == 13.0 / 3)
        #expect(Ensemble(models).name == "Median(Constant(1.0), Constant(2.0), Constant(10.0))")
    }
}
