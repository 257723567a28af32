import Forecasting
import Foundation
import Testing

/// The theta recursion (Fiorucci et al., 2016, §3) checked against hand calculations written out
/// below, with fixed parameters so every number can be followed on paper.
@Suite struct ThetaModelTests {
    /// Standard normal quantiles from tables: Φ⁻¹(0.9) and Φ⁻¹(0.975).
    let z80 = 1.2815515655446004
    let z95 = 1.959963984540054

    /// STM on y = 1…5 with ℓ₀ = 0.5, α = 0.5, θ = 2. The least-squares line of y on t = 1…5 is
    /// A = 0, B = 1; k = 1 − 1/θ = 0.5 and q = 1 − α = 0.5. With t values seen the next forecast is
    /// ℓₜ + k(A·qᵗ + B(1 − qᵗ⁺¹)/α) and then ℓ ← αY + qℓ.
    @Test func standardThetaByHand() throws {
        let fit = try ThetaFit([1, 2, 3, 4, 5], variant: .stm, parameters: ThetaParameters(initialLevel: 0.5, alpha: 0.5, theta: 2))
        // μ₁ = ℓ₀ + k(A + B) = 0.5 + 0.5 = 1;                       ℓ = 0.5·1 + 0.5·0.5 = 0.75
        // μ₂ = 0.75 + 0.5·(1 − 0.25)/0.5 = 1.5;                      ℓ = 1 + 0.375 = 1.375
        // μ₃ = 1.375 + 0.5·(1 − 0.125)/0.5 = 2.25;                   ℓ = 1.5 + 0.6875 = 2.1875
        // μ₄ = 2.1875 + (1 − 0.0625) = 3.125;                        ℓ = 2 + 1.09375 = 3.09375
        // μ₅ = 3.09375 + (1 − 0.03125) = 4.0625;                     ℓ = 2.5 + 1.546875 = 4.046875
        let fitted = [1, 1.5, 2.25, 3.125, 4.0625]
        for (a, b) in zip(fit.fitted, fitted) { #expect(abs(a - b) < 1e-12) }
        // Criterion: errors after the 3-period burn-in, squared, over mean |y| = 3.
        #expect(abs(fit.criterion - (0.875 * 0.875 + 0.9375 * 0.9375) / 3) < 1e-12)
        // Forecasts feed themselves back as observations:
        // μ₆ = 4.046875 + (1 − 0.5⁶) = 5.03125;                      ℓ = (5.03125 + 4.046875)/2
        // μ₇ = 4.5390625 + (1 − 0.5⁷) = 5.53125;                     ℓ = (5.53125 + 4.5390625)/2
        // μ₈ = 5.03515625 + (1 − 0.5⁸) = 6.03125
        let f = fit.forecast(horizon: 3)
        for (a, b) in zip(f, [5.03125, 5.53125, 6.03125]) { #expect(abs(a - b) < 1e-12) }
    }

    /// On a long history (q¹⁰⁰ ≈ 8e-31) STM is simple exponential smoothing plus half the
    /// least-squares slope (Hyndman & Billah, 2003): ŷₙ₊ₕ = ℓₙ + ½B(h − 1 + 1/α). ℓₙ and B are
    /// computed here independently of the model.
    @Test func standardThetaIsSESWithHalfTheTrend() throws {
        let wiggle: [Double] = [2, -1, -1]
        let y: [Double] = (1...100).map { t in 10 + 0.3 * Double(t) + wiggle[t % 3] }
        let alpha = 0.5, l0 = 7.0
        var level = l0
        for v in y { level = alpha * v + (1 - alpha) * level }
        let n = Double(y.count)
        let tMean: Double = (n + 1) / 2
        let yMean: Double = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (i, v) in y.enumerated() {
            sxy += (Double(i + 1) - tMean) * (v - yMean)
            sxx += (Double(i + 1) - tMean) * (Double(i + 1) - tMean)
        }
        let slope = sxy / sxx
        let fit = try ThetaFit(y, variant: .stm, parameters: ThetaParameters(initialLevel: l0, alpha: alpha, theta: 2))
        let f = fit.forecast(horizon: 5)
        for h in 1...5 {
            let steps: Double = Double(h) - 1 + 1 / alpha
            let expected: Double = level + 0.5 * slope * steps
            #expect(abs(f[h - 1] - expected) < 1e-9)
        }
    }

    /// DSTM on y = 1, 3, 2, 5 with ℓ₀ = 1, α = 0.5, θ = 2: the line starts at A = Y₁, B = 0 and
    /// after each value Bₜ = ((t − 2)Bₜ₋₁ + 6(Yₜ − Ȳₜ₋₁)/t)/(t + 1), Aₜ = Ȳₜ − Bₜ(t + 1)/2.
    @Test func dynamicThetaByHand() throws {
        let fit = try ThetaFit([1, 3, 2, 5], variant: .dstm, parameters: ThetaParameters(initialLevel: 1, alpha: 0.5, theta: 2))
        // t = 1: μ₁ = Y₁ = 1; ℓ = 0.5 + 0.5 = 1; A = 1, B = 0, Ȳ = 1.
        // μ₂ = 1 + 0.5(1·0.5) = 1.25.   ℓ = 2; B = 6(3 − 1)/2/3 = 2; Ȳ = 2; A = 2 − 2·3/2 = −1
        // μ₃ = 2 + 0.5(−1·0.25 + 2(1 − 0.125)/0.5) = 3.625.
        //                               ℓ = 2; B = (2 + 6(2 − 2)/3)/4 = 0.5; Ȳ = 2; A = 2 − 0.5·2 = 1
        // μ₄ = 2 + 0.5(1·0.125 + 0.5(1 − 0.0625)/0.5) = 2.53125.
        //                               ℓ = 3.5; B = (2·0.5 + 6(5 − 2)/4)/5 = 1.1; Ȳ = 2.75; A = 0
        // (B = 1.1 and A = 0 are the least-squares line through (1,1), (2,3), (3,2), (4,5).)
        let fitted = [1, 1.25, 3.625, 2.53125]
        for (a, b) in zip(fit.fitted, fitted) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(fit.criterion - (5 - 2.53125) * (5 - 2.53125) / 2.75) < 1e-12)
        // μ₅ = 3.5 + 0.5(0 + 1.1(1 − 0.5⁵)/0.5) = 4.565625, then with μ₅ fed back (t = 5):
        // ℓ = (4.565625 + 3.5)/2; B = (3·1.1 + 6(4.565625 − 2.75)/5)/6; Ȳ = (4·2.75 + 4.565625)/5;
        // A = Ȳ − 3B; μ₆ = ℓ + 0.5(A·0.5⁵ + B(1 − 0.5⁶)/0.5).
        let mu5 = 3.5 + 0.5 * (1.1 * (1 - 1.0 / 32) / 0.5)
        let level = (mu5 + 3.5) / 2
        let b = (3 * 1.1 + 6 * (mu5 - 2.75) / 5) / 6
        let mean = (4 * 2.75 + mu5) / 5
        let a = mean - 3 * b
        let mu6 = level + 0.5 * (a / 32 + b * (1 - 1.0 / 64) / 0.5)
        let f = fit.forecast(horizon: 2)
        #expect(abs(f[0] - 4.565625) < 1e-12)
        #expect(abs(f[1] - mu6) < 1e-12)
    }

    /// OTM with θ = 1 drops the theta line (k = 0): plain simple exponential smoothing.
    @Test func thetaOneIsSimpleExponentialSmoothing() throws {
        let y = [4.0, 7, 5, 6, 9, 8]
        let fit = try ThetaFit(y, variant: .otm, parameters: ThetaParameters(initialLevel: 5, alpha: 0.3, theta: 1))
        var level = 5.0
        for (i, v) in y.enumerated() {
            #expect(abs(fit.fitted[i] - level) < 1e-12)
            level = 0.3 * v + 0.7 * level
        }
        #expect(fit.forecast(horizon: 3).allSatisfy { abs($0 - level) < 1e-12 })
    }

    /// STM intervals: the value h steps ahead is the forecast plus εₕ + α(εₕ₋₁ + … + ε₁), so its
    /// variance is σ²(1 + (h − 1)α²); σ is the n − 1 standard deviation of the errors after the
    /// burn-in (here 0.875 and 0.9375 from `standardThetaByHand`).
    @Test func standardThetaIntervalsByHand() throws {
        let fit = try ThetaFit([1, 2, 3, 4, 5], variant: .stm, parameters: ThetaParameters(initialLevel: 0.5, alpha: 0.5, theta: 2))
        let f = try fit.forecast(horizon: 3, levels: [95, 80])
        let sigma = 0.03125 * 2.0.squareRoot()  // two values 0.0625 apart
        let i80 = try #require(f.interval(level: 80)), i95 = try #require(f.interval(level: 95))
        for h in 0..<3 {
            let sd = sigma * (1 + Double(h) * 0.25).squareRoot()
            #expect(abs(i80.lower[h] - (f.mean[h] - z80 * sd)) < 1e-12)
            #expect(abs(i80.upper[h] - (f.mean[h] + z80 * sd)) < 1e-12)
            #expect(abs(i95.upper[h] - (f.mean[h] + z95 * sd)) < 1e-12)
        }
        #expect(f.intervals.map(\.level) == [80, 95])
    }

    /// DSTM intervals two steps ahead: ε₁ moves ℓ by α = 0.5, Ȳ by 1/5, B by 6/(5·6) = 0.2 and
    /// A by 0.2 − 0.2·3 = −0.4, so the second value carries c = 0.5 + 0.5(−0.4·0.5⁵ + 0.2(1 −
    /// 0.5⁶)/0.5) times ε₁. With four values no errors remain after the burn-in, so σ comes from
    /// all four (0, 1.75, −1.625, 2.46875).
    @Test func dynamicThetaIntervalsByHand() throws {
        let fit = try ThetaFit([1, 3, 2, 5], variant: .dstm, parameters: ThetaParameters(initialLevel: 1, alpha: 0.5, theta: 2))
        let f = try fit.forecast(horizon: 2, levels: [95])
        let e = [0, 1.75, -1.625, 2.46875]
        let m = e.reduce(0, +) / 4
        let sigma = (e.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 3).squareRoot()
        let c = 0.5 + 0.5 * (-0.4 / 32 + 0.2 * (1 - 1.0 / 64) / 0.5)
        let i95 = try #require(f.interval(level: 95))
        #expect(abs(i95.upper[0] - (f.mean[0] + z95 * sigma)) < 1e-12)
        #expect(abs(i95.upper[1] - (f.mean[1] + z95 * sigma * (1 + c * c).squareRoot())) < 1e-12)
        #expect(abs(i95.lower[1] - (f.mean[1] - z95 * sigma * (1 + c * c).squareRoot())) < 1e-12)
    }

    @Test func parameterErrorsNameTheField() throws {
        let y = [1.0, 2, 3, 4]
        func field(_ p: ThetaParameters) -> String? {
            do { _ = try ThetaFit(y, variant: .otm, parameters: p) } catch let ForecastError.invalidParameter(name, _) { return name } catch {}
            return nil
        }
        #expect(field(ThetaParameters(initialLevel: 0, alpha: 0, theta: 2)) == "alpha")
        #expect(field(ThetaParameters(initialLevel: 0, alpha: 1.5, theta: 2)) == "alpha")
        #expect(field(ThetaParameters(initialLevel: 0, alpha: 0.5, theta: 0.5)) == "theta")
        #expect(field(ThetaParameters(initialLevel: .infinity, alpha: 0.5, theta: 2)) == "initialLevel")
        #expect(throws: ForecastError.seriesTooShort(model: "STM", needed: 4, got: 3)) {
            try ThetaFit([1, 2, 3], variant: .stm, parameters: ThetaParameters(initialLevel: 0, alpha: 0.5, theta: 2))
        }
        #expect(throws: ForecastError.seriesTooShort(model: "DOTM", needed: 4, got: 2)) {
            try ThetaFit.optimized([1, 2], variant: .dotm)
        }
        let fit = try ThetaFit(y, variant: .stm, parameters: ThetaParameters(initialLevel: 0, alpha: 0.5, theta: 2))
        #expect(throws: ForecastError.invalidHorizon(0)) { try fit.forecast(horizon: 0, levels: []) }
        #expect(throws: ForecastError.invalidParameter(name: "levels", reason: "each level must be in (0, 100) percent, got 100.0")) {
            try fit.forecast(horizon: 2, levels: [100])
        }
    }
}
