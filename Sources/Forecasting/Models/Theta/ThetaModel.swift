import Foundation

/// The state-space recursion shared by the four theta variants, on one (seasonally adjusted)
/// series (Fiorucci et al., 2016, §3, eqs. 3–7).
///
/// With t observations seen, level ℓₜ, mean Ȳₜ and theta-line coefficients Aₜ, Bₜ, the forecast of
/// the next value (index t, zero-based) is
///
///     μₜ₊₁ = ℓₜ + (1 − 1/θ)·(Aₜ(1 − α)ᵗ + Bₜ(1 − (1 − α)ᵗ⁺¹)/α)
///
/// and the level follows simple exponential smoothing, ℓₜ₊₁ = αYₜ₊₁ + (1 − α)ℓₜ. Static models
/// (STM, OTM) use the least-squares line of the whole history for A and B; dynamic models (DSTM,
/// DOTM) update them after every observation:
///
///     Bₜ = ((t − 2)Bₜ₋₁ + 6(Yₜ − Ȳₜ₋₁)/t)/(t + 1),   Aₜ = Ȳₜ − Bₜ(t + 1)/2.
///
/// A and B never depend on ℓ₀, α or θ, so they are computed once per series here and the
/// optimiser's objective is a single pass of multiply-adds (no `pow`, no allocation).
struct ThetaModel: Sendable {
    /// The series being fitted, oldest first.
    let y: [Double]
    /// True for DSTM/DOTM (recursive A, B).
    let dynamic: Bool
    /// `a[i]`, `b[i]`: the theta line after observing `y[0...i]`.
    private let a: [Double]
    private let b: [Double]
    /// Mean |y| (at least 1e-10): statsforecast divides the sum of squared errors by it.
    let scale: Double

    /// Precomputes the theta line for `y` (at least 2 values).
    init(_ y: [Double], dynamic: Bool) {
        self.y = y
        self.dynamic = dynamic
        let n = y.count
        var sumAbs = 0.0
        for v in y { sumAbs += abs(v) }
        scale = max(sumAbs / Double(n), 1e-10)
        if dynamic {
            var a = [Double](repeating: 0, count: n), b = [Double](repeating: 0, count: n)
            var mean = y[0]
            a[0] = y[0]
            for i in 1..<n {
                let t = Double(i)
                // The paper's eq. 7 with t = i + 1 observations; `mean` is still Ȳₜ₋₁ here.
                b[i] = ((t - 1) * b[i - 1] + 6 * (y[i] - mean) / (t + 1)) / (t + 2)
                mean = (t * mean + y[i]) / (t + 1)
                a[i] = mean - b[i] * (t + 2) / 2
            }
            self.a = a
            self.b = b
        } else {
            // Ordinary least squares of y on t = 1…n, in closed form.
            let nn = Double(n)
            var sum = 0.0, weighted = 0.0
            for (i, v) in y.enumerated() {
                sum += v
                weighted += Double(i + 1) * v
            }
            let mean = sum / nn
            let slope = 6 * (2 * weighted / nn - (nn + 1) * mean) / (nn * nn - 1)
            a = [Double](repeating: mean - (nn + 1) * slope / 2, count: n)
            b = [Double](repeating: slope, count: n)
        }
    }

    /// statsforecast's fitting criterion: Σ eₜ² over t ≥ 3 (the first three one-step errors are a
    /// burn-in) divided by mean |y|. AutoTheta compares variants by the same number.
    func objective(_ p: ThetaParameters) -> Double {
        let n = y.count
        let alpha = p.alpha, q = 1 - alpha, k = 1 - 1 / p.theta, invAlpha = 1 / alpha
        return y.withUnsafeBufferPointer { y in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    var level = alpha * y[0] + q * p.initialLevel
                    var qi = q  // (1 − α)^i
                    var sse = 0.0
                    for i in 1..<n {
                        let qNext = qi * q
                        let f = level + k * (a[i - 1] * qi + b[i - 1] * (1 - qNext) * invAlpha)
                        let e = y[i] - f
                        sse += i >= 3 ? e * e : 0
                        level = alpha * y[i] + q * level
                        // Past 1e-200 the term is below any rounding of A; stop before denormals.
                        qi = qNext < 1e-200 ? 0 : qNext
                    }
                    return sse / scale
                }
            }
        }
    }

    /// Runs the recursion at `p`: one-step fitted values, residuals, the final state and the
    /// criterion of ``objective(_:)``.
    func filter(_ p: ThetaParameters) -> (fitted: [Double], residuals: [Double], state: ThetaState, criterion: Double) {
        let n = y.count
        let alpha = p.alpha, q = 1 - alpha, k = 1 - 1 / p.theta, invAlpha = 1 / alpha
        var fitted = [Double](repeating: 0, count: n)
        var residuals = [Double](repeating: 0, count: n)
        // Before any data the forecast is ℓ₀ plus the theta-line term at t = 0 (static), or the
        // first value itself (dynamic, whose line starts at Y₁).
        fitted[0] = dynamic ? y[0] : p.initialLevel + k * (a[0] + b[0])
        residuals[0] = y[0] - fitted[0]
        var level = alpha * y[0] + q * p.initialLevel
        var mean = y[0]
        var qi = q
        var sse = 0.0
        for i in 1..<n {
            let qNext = qi * q
            let f = level + k * (a[i - 1] * qi + b[i - 1] * (1 - qNext) * invAlpha)
            fitted[i] = f
            residuals[i] = y[i] - f
            if i >= 3 { sse += residuals[i] * residuals[i] }
            level = alpha * y[i] + q * level
            mean = (Double(i) * mean + y[i]) / Double(i + 1)
            qi = qNext < 1e-200 ? 0 : qNext
        }
        let state = ThetaState(level: level, meanY: mean, a: a[n - 1], b: b[n - 1], count: n)
        return (fitted, residuals, state, sse / scale)
    }

    /// Point forecasts for `horizon` periods after `state`: each forecast is fed back as if it had
    /// been observed, which keeps ℓ (and for dynamic models A and B) moving as the paper's
    /// recursion prescribes.
    static func forecast(from state: ThetaState, _ p: ThetaParameters, horizon: Int, dynamic: Bool) -> [Double] {
        let alpha = p.alpha, q = 1 - alpha, k = 1 - 1 / p.theta
        var s = state
        var out = [Double](repeating: 0, count: horizon)
        for j in 0..<horizon {
            let i = Double(s.count)
            let qi = pow(q, i)
            let mu = s.level + k * (s.a * qi + s.b * (1 - qi * q) / alpha)
            out[j] = mu
            s.level = alpha * mu + q * s.level
            if dynamic {
                s.b = ((i - 1) * s.b + 6 * (mu - s.meanY) / (i + 1)) / (i + 2)
                s.meanY = (i * s.meanY + mu) / (i + 1)
                s.a = s.meanY - s.b * (i + 2) / 2
            } else {
                s.meanY = (i * s.meanY + mu) / (i + 1)
            }
            s.count += 1
        }
        return out
    }
}
