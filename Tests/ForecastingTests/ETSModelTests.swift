import Forecasting
import Foundation
import Testing

/// Model forms, selection rules and input errors of ETS, AutoETS, Holt and HoltWinters.
@Suite struct ETSModelTests {
    /// A positive weekly-seasonal series with a gentle trend (deterministic).
    static let seasonal: [Double] = (0..<140).map { t in
        let week: [Double] = [1.3, 0.8, 0.9, 1.0, 1.1, 1.4, 0.5]
        return (20 + 0.05 * Double(t)) * week[t % 7] + 0.6 * sin(Double(t) * 1.7)
    }

    private func failure(_ body: () throws -> Void) -> ForecastError? {
        do { try body(); return nil } catch let error as ForecastError { return error } catch { return nil }
    }

    private func parameterName(_ error: ForecastError?) -> String? {
        if case let .invalidParameter(name, _)? = error { return name }
        return nil
    }

    @Test func specParsesTheCompactForm() throws {
        let spec = try ETSSpec("AAdN")
        #expect(spec.error == .additive && spec.trend == .additive && spec.damped && spec.season == .none)
        #expect(spec.description == "AAdN")
        #expect(spec.label == "ETS(A,Ad,N)")
        #expect(try ETSSpec("MNM").season == .multiplicative)
    }

    @Test func invalidInputNamesTheField() {
        #expect(parameterName(failure { _ = try AutoETS(seasonLength: 0).fit(Self.seasonal) }) == "seasonLength")
        #expect(parameterName(failure { _ = try ETS("ANN", seasonLength: -1) }) == "seasonLength")
        #expect(parameterName(failure { _ = try ETS("AXN") }) == "model")
        #expect(parameterName(failure { _ = try ETS("AA") }) == "model")
        #expect(parameterName(failure { _ = try ETS("NAN") }) == "model")
        #expect(parameterName(failure { _ = try ETS("ANdN") }) == "model")
        #expect(parameterName(failure { _ = try AutoETS(model: "ZZX").fit(Self.seasonal) }) == "model")
        #expect(parameterName(failure { _ = try ETS("ANA", seasonLength: 1) }) == "seasonLength")
        #expect(parameterName(failure { _ = try AutoETS(model: "ZNZ", damped: true).fit(Self.seasonal) }) == "damped")
        #expect(parameterName(failure { _ = try HoltWinters(seasonLength: 1).fit(Self.seasonal) }) == "seasonLength")
        #expect(parameterName(failure { _ = try ETS("ANN", fixed: ETSFixedParameters(alpha: 1.5)) }) == "alpha")
        // Additive error with a multiplicative season can have infinite variance (R's restrict).
        #expect(parameterName(failure { _ = try ETS("ANM", seasonLength: 7) }) == "model")
    }

    @Test func multiplicativeModelsRefuseZeros() {
        var y = Self.seasonal
        y[10] = 0
        #expect(parameterName(failure { _ = try ETS("MNM", seasonLength: 7).fit(y) }) == "model")
        #expect(parameterName(failure { _ = try AutoETS(seasonLength: 7, model: "MZZ").fit(y) }) == "model")
        #expect(parameterName(failure { _ = try HoltWinters(seasonLength: 7, errorType: .multiplicative).fit(y) }) == "model")
        // The automatic search simply skips multiplicative candidates.
        #expect(((try? AutoETS(seasonLength: 7).fit(y))?.spec.error) == .additive)
    }

    @Test func emptyAndShortInputs() {
        #expect(failure { _ = try AutoETS().forecast([], horizon: 3) } == .emptySeries)
        #expect(failure { _ = try AutoETS().forecast([1, 2, 3], horizon: 0) } == .invalidHorizon(0))
        #expect(failure { _ = try AutoETS().forecast([1, .nan, 3, 4, 5, 6, 7], horizon: 1) } == .nonFiniteValue(index: 1))
        if case .seriesTooShort? = failure({ _ = try AutoETS().fit([1, 2, 4, 3, 5]) }) {} else { Issue.record("expected seriesTooShort") }
    }

    /// A constant series takes R's shortcut: SES with α = 0.9999, forecasting the constant.
    @Test func constantSeriesForecastsTheConstant() throws {
        let f = try AutoETS(seasonLength: 7).forecast([Double](repeating: 4, count: 50), horizon: 5)
        #expect(f.mean.allSatisfy { abs($0 - 4) < 1e-9 })
    }

    /// Holt continues a straight line; statsforecast's Holt tries damped and undamped trends.
    @Test func holtFollowsALinearTrend() throws {
        let y = (0..<60).map { 2 + 0.5 * Double($0) + 0.01 * sin(Double($0)) }
        let fit = try Holt().fit(y)
        #expect(fit.spec.trend == .additive && fit.spec.season == .none && fit.spec.error == .additive)
        let f = try Holt().forecast(y, horizon: 3)
        for (h, v) in f.mean.enumerated() { #expect(abs(v - (2 + 0.5 * Double(60 + h))) < 0.1) }
    }

    @Test func holtWintersFitsTheSeasonalForm() throws {
        let additive = try HoltWinters(seasonLength: 7).fit(Self.seasonal)
        #expect(additive.spec.error == .additive && additive.spec.trend == .additive && additive.spec.season == .additive)
        let multiplicative = try HoltWinters(seasonLength: 7, errorType: .multiplicative).fit(Self.seasonal)
        #expect(multiplicative.spec.error == .multiplicative && multiplicative.spec.season == .multiplicative)
        #expect(multiplicative.initialState.seasons.count == 7)
        // Multiplicative seasonal indices sum to m.
        #expect(abs(multiplicative.initialState.seasons.reduce(0, +) - 7) < 1e-9)
    }

    /// On clearly multiplicative weekly data AutoETS keeps a seasonal model, and the forecast
    /// repeats the weekly shape: the 7-day profile of the forecast peaks on the same weekday.
    @Test func autoETSFindsTheSeason() throws {
        let fit = try AutoETS(seasonLength: 7).fit(Self.seasonal)
        #expect(fit.spec.season != .none)
        let f = fit.forecast(horizon: 14)
        let peak = (0..<7).max { f[$0] < f[$1] }!
        #expect((140 + peak) % 7 == 5)
        #expect(abs(f[peak] - f[peak + 7]) / f[peak] < 0.1)
    }

    /// Every model class returns ordered intervals around its point forecast; the simulated
    /// ones (multiplicative season) are reproducible.
    @Test(arguments: ["ANN", "AAdN", "ANA", "MNN", "MAN", "MNA", "MNM", "MAdM"])
    func intervalsBracketTheForecast(model: String) throws {
        let ets = try ETS(model, seasonLength: 7)
        let f = try ets.forecast(Self.seasonal, horizon: 10, levels: [50, 95])
        let i50 = try #require(f.interval(level: 50)), i95 = try #require(f.interval(level: 95))
        for h in 0..<10 {
            #expect(i95.lower[h] < i50.lower[h] && i50.lower[h] < i50.upper[h] && i50.upper[h] < i95.upper[h])
            if !model.hasSuffix("M") {
                #expect(abs((i95.lower[h] + i95.upper[h]) / 2 - f.mean[h]) < 1e-9 * max(1, abs(f.mean[h])))
            }
        }
        if model.hasSuffix("M") {
            #expect(try ets.forecast(Self.seasonal, horizon: 10, levels: [50, 95]) == f)
        }
    }
}
