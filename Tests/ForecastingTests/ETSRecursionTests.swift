import Forecasting
import Foundation
import Testing

/// The ETS recursions, criteria and intervals against calculations done by hand.
@Suite struct ETSRecursionTests {
    /// ETS(A,N,N) with α = 0.3 and ℓ₀ = 10 is simple exponential smoothing:
    /// ŷ₁ = 10, e = 2, ℓ₁ = 10 + 0.3·2 = 10.6; ŷ₂ = 10.6, e = −1.6, ℓ₂ = 10.12;
    /// ŷ₃ = 10.12, e = 0.88, ℓ₃ = 10.384; ŷ₄ = 10.384, e = −0.384, ℓ₄ = 10.2688;
    /// ŷ₅ = 10.2688, e = 2.7312, ℓ₅ = 11.08816; ŷ₆ = 11.08816, e = 0.91184, ℓ₆ = 11.361712.
    static let sesY: [Double] = [12, 9, 11, 10, 13, 12]
    static let sesFitted: [Double] = [10, 10.6, 10.12, 10.384, 10.2688, 11.08816]

    @Test func annWithFixedAlphaIsSimpleExponentialSmoothing() throws {
        let fit = try ETSFit.evaluate(
            Self.sesY, spec: ETSSpec("ANN"), parameters: ETSParameters(alpha: 0.3), initialState: ETSState(level: 10))
        for (got, want) in zip(fit.fitted, Self.sesFitted) { #expect(abs(got - want) < 1e-12) }
        #expect(abs(fit.finalState.level - 11.361712) < 1e-12)
        let f = fit.forecast(horizon: 3)
        #expect(f.allSatisfy { abs($0 - 11.361712) < 1e-12 })
        for (e, (y, yhat)) in zip(fit.residuals, zip(Self.sesY, Self.sesFitted)) { #expect(abs(e - (y - yhat)) < 1e-12) }
    }

    /// Estimating only ℓ₀ with α fixed still gives SES fitted values: ŷ_{t+1} = ŷ_t + 0.3(y_t − ŷ_t).
    @Test func estimatedLevelKeepsTheSESRecursion() throws {
        let y: [Double] = [12, 9, 11, 10, 13, 12, 14, 11, 12, 13, 15, 12]
        let fit = try ETS("ANN", fixed: ETSFixedParameters(alpha: 0.3)).fit(y)
        #expect(fit.parameters.alpha == 0.3)
        for t in 1..<y.count {
            #expect(abs(fit.fitted[t] - (fit.fitted[t - 1] + 0.3 * (y[t - 1] - fit.fitted[t - 1]))) < 1e-9)
        }
    }

    /// ETS(A,A,N), α = 0.5, β = 0.2, ℓ₀ = 1, b₀ = 1 on y = 3, 5, 6:
    /// t=1: ŷ = 1+1 = 2, e = 1, ℓ = 2 + 0.5·1 = 2.5, b = 1 + 0.2·1 = 1.2;
    /// t=2: ŷ = 3.7, e = 1.3, ℓ = 3.7 + 0.65 = 4.35, b = 1.2 + 0.26 = 1.46;
    /// t=3: ŷ = 5.81, e = 0.19, ℓ = 5.81 + 0.095 = 5.905, b = 1.46 + 0.038 = 1.498;
    /// forecasts 5.905 + 1.498h = 7.403, 8.901, 10.399.
    @Test func additiveTrendRecursionByHand() throws {
        let fit = try ETSFit.evaluate(
            [3, 5, 6], spec: ETSSpec("AAN"), parameters: ETSParameters(alpha: 0.5, beta: 0.2),
            initialState: ETSState(level: 1, growth: 1))
        for (got, want) in zip(fit.fitted, [2, 3.7, 5.81]) { #expect(abs(got - want) < 1e-12) }
        #expect(abs(fit.finalState.level - 5.905) < 1e-12)
        #expect(abs(fit.finalState.growth - 1.498) < 1e-12)
        for (got, want) in zip(fit.forecast(horizon: 3), [7.403, 8.901, 10.399]) { #expect(abs(got - want) < 1e-12) }
    }

    /// Damped: ETS(A,Ad,N) with φ = 0.5 from the same state forecasts ℓ + (φ + … + φʰ)b:
    /// 5.905 + 0.5·b, + 0.75·b, + 0.875·b where b after t=3 is computed with φ:
    /// t=1: ŷ = 1 + 0.5 = 1.5, e = 1.5, ℓ = 2.25, b = 0.5 + 0.3 = 0.8;
    /// t=2: ŷ = 2.25 + 0.4 = 2.65, e = 2.35, ℓ = 3.825, b = 0.4 + 0.47 = 0.87;
    /// t=3: ŷ = 3.825 + 0.435 = 4.26, e = 1.74, ℓ = 5.13, b = 0.435 + 0.348 = 0.783;
    /// forecasts 5.13 + 0.3915 = 5.5215, 5.13 + 0.58725 = 5.71725, 5.13 + 0.685125 = 5.815125.
    @Test func dampedTrendRecursionByHand() throws {
        let fit = try ETSFit.evaluate(
            [3, 5, 6], spec: ETSSpec("AAdN"), parameters: ETSParameters(alpha: 0.5, beta: 0.2, phi: 0.5),
            initialState: ETSState(level: 1, growth: 1))
        for (got, want) in zip(fit.fitted, [1.5, 2.65, 4.26]) { #expect(abs(got - want) < 1e-12) }
        for (got, want) in zip(fit.forecast(horizon: 3), [5.5215, 5.71725, 5.815125]) { #expect(abs(got - want) < 1e-12) }
    }

    /// ETS(A,N,A), m = 2, α = 0.5, γ = 0.2, ℓ₀ = 3, seasons (most recent first) −1, +1, so the
    /// first period uses +1: ŷ₁ = 4, e = 1, ℓ = 3.5, s = 1.2; ŷ₂ = 3.5 − 1 = 2.5, e = −1.5,
    /// ℓ = 2.75, s = −1.3; ŷ₃ = 2.75 + 1.2 = 3.95, e = 2.05, ℓ = 3.775, s = 1.61;
    /// forecasts 3.775 − 1.3 = 2.475, 3.775 + 1.61 = 5.385, then 2.475 again.
    @Test func additiveSeasonRecursionByHand() throws {
        let fit = try ETSFit.evaluate(
            [5, 1, 6], spec: ETSSpec("ANA"), seasonLength: 2, parameters: ETSParameters(alpha: 0.5, gamma: 0.2),
            initialState: ETSState(level: 3, seasons: [-1, 1]))
        for (got, want) in zip(fit.fitted, [4, 2.5, 3.95]) { #expect(abs(got - want) < 1e-12) }
        for (got, want) in zip(fit.finalState.seasons, [1.61, -1.3]) { #expect(abs(got - want) < 1e-12) }
        for (got, want) in zip(fit.forecast(horizon: 3), [2.475, 5.385, 2.475]) { #expect(abs(got - want) < 1e-12) }
    }

    /// ETS(M,N,N): e = (y − ŷ)/ŷ and "lik" = n·log Σe² + 2·Σ log ŷ. With α = 0.5, ℓ₀ = 10 on
    /// y = 12, 9: ŷ₁ = 10, e = 0.2, ℓ = 11; ŷ₂ = 11, e = −2/11.
    @Test func multiplicativeErrorLikelihoodByHand() throws {
        let fit = try ETSFit.evaluate(
            [12, 9], spec: ETSSpec("MNN"), parameters: ETSParameters(alpha: 0.5), initialState: ETSState(level: 10))
        #expect(abs(fit.residuals[0] - 0.2) < 1e-15)
        #expect(abs(fit.residuals[1] + 2.0 / 11) < 1e-15)
        let lik = 2 * log(0.04 + 4.0 / 121) + 2 * (log(10.0) + log(11.0))
        #expect(abs(fit.logLikelihood - (-0.5 * lik)) < 1e-12)
    }

    /// Criteria on the SES example: Σe² = 4 + 2.56 + 0.7744 + 0.147456 + 7.45945344 + 0.8314521856
    /// = 15.7727616256; −2 log L = 6·ln Σe²; k = 3 (α, ℓ₀, σ²):
    /// AIC = 6 ln Σe² + 6, AICc = AIC + 2·3·4/(6−3−1) = AIC + 12, BIC = 6 ln Σe² + 3 ln 6,
    /// σ² = Σe²/(6 − 2).
    @Test func informationCriteriaByHand() throws {
        let fit = try ETSFit.evaluate(
            Self.sesY, spec: ETSSpec("ANN"), parameters: ETSParameters(alpha: 0.3), initialState: ETSState(level: 10))
        let sse = 15.7727616256
        let minus2LogL = 6 * log(sse)
        #expect(fit.parameterCount == 3)
        #expect(abs(fit.aic - (minus2LogL + 6)) < 1e-9)
        #expect(abs(fit.aicc - (minus2LogL + 6 + 12)) < 1e-9)
        #expect(abs(fit.bic - (minus2LogL + 3 * log(6.0))) < 1e-9)
        #expect(abs(fit.sigma2 - sse / 4) < 1e-9)
    }

    /// ETS(A,N,N) intervals: ŷ ± z·σ·√(1 + (h−1)α²) (Hyndman et al. 2008, Table 6.1), with
    /// z₀.₉₇₅ = 1.959963984540054 and z₀.₉ = 1.2815515655446004 from normal tables.
    @Test func annIntervalsByHand() throws {
        let y: [Double] = [12, 9, 11, 10, 13, 12, 14, 11, 12, 13, 15, 12, 10, 13, 12, 14]
        let model = try ETS("ANN", fixed: ETSFixedParameters(alpha: 0.4))
        let fit = try model.fit(y)
        let f = try model.forecast(y, horizon: 3, levels: [80, 95])
        let sigma = fit.sigma2.squareRoot()
        for (level, z) in [(95.0, 1.959963984540054), (80.0, 1.2815515655446004)] {
            let interval = try #require(f.interval(level: level))
            for h in 1...3 {
                let half = z * sigma * (1 + Double(h - 1) * 0.16).squareRoot()
                #expect(abs(interval.upper[h - 1] - (f.mean[h - 1] + half)) < 1e-9)
                #expect(abs(interval.lower[h - 1] - (f.mean[h - 1] - half)) < 1e-9)
            }
        }
        #expect(f.fitted?.count == y.count)
    }
}
