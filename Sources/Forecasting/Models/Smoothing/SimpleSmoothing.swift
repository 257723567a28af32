/// Simple exponential smoothing (Brown 1956; Hyndman & Athanasopoulos, FPP3 §8.1) as the kernels
/// that SES, Croston, TSB, ADIDA and IMAPA share.
///
/// The level starts at the first observation and is then updated with every observation,
/// the first included: ℓ₀ = x₀, ℓᵢ = α·xᵢ₋₁ + (1−α)·ℓᵢ₋₁, and the one-step forecast after n
/// observations is α·xₙ₋₁ + (1−α)·ℓₙ₋₁. A single observation is its own forecast. This is
/// statsforecast's initialisation (`ses_forecast`); each step is written as `α·x + (1−α)·ℓ`, in that
/// order, so the results round exactly as the peer's do and the golden-section search below
/// visits the same points.
enum SimpleSmoothing {
    /// Checks that a smoothing parameter lies in [0, 1].
    static func validate(_ alpha: Double, name: String) throws {
        guard alpha.isFinite, alpha >= 0, alpha <= 1 else {
            throw ForecastError.invalidParameter(name: name, reason: "must be in [0, 1], got \(alpha)")
        }
    }

    /// The one-step forecast after smoothing all of `x` (at least one value).
    @inline(__always)
    static func forecast(_ x: UnsafeBufferPointer<Double>, alpha: Double) -> Double {
        let n = x.count
        precondition(n >= 1, "simple exponential smoothing needs at least one value")
        if n == 1 { return x[0] }
        let complement = 1 - alpha
        var level = x[0]
        for i in 0..<n { level = alpha * x[i] + complement * level }
        return level
    }

    /// The one-step forecast after all of `x`, writing the in-sample one-step forecasts into
    /// `fitted` (same length as `x`; `fitted[0]` is NaN, as nothing precedes it).
    static func forecast(_ x: UnsafeBufferPointer<Double>, alpha: Double, fitted: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = x.count
        precondition(n >= 1 && fitted.count == n, "fitted must have the length of x")
        fitted[0] = .nan
        if n == 1 { return x[0] }
        let complement = 1 - alpha
        var level = x[0]
        for i in 1..<n {
            level = alpha * x[i - 1] + complement * level
            fitted[i] = level
        }
        return alpha * x[n - 1] + complement * level
    }

    /// Array convenience for `forecast(_:alpha:)`.
    static func forecast(_ x: [Double], alpha: Double) -> Double {
        x.withUnsafeBufferPointer { forecast($0, alpha: alpha) }
    }

    /// Sum of squared one-step errors over x₁…xₙ₋₁ (x₀ only starts the level); 0 below two values.
    static func sse(_ x: UnsafeBufferPointer<Double>, alpha: Double) -> Double {
        let n = x.count
        guard n >= 2 else { return 0 }
        let complement = 1 - alpha
        var level = x[0], sum = 0.0
        for i in 1..<n {
            level = alpha * x[i - 1] + complement * level
            let e = x[i] - level
            sum += e * e
        }
        return sum
    }

    /// `sse` at eight smoothing parameters in one pass. The eight recursions are independent, so
    /// they fill the floating-point pipelines that a single recursion leaves idle waiting on its
    /// previous step; each lane performs exactly the scalar operations, so the sums are identical.
    static func sse(_ x: UnsafeBufferPointer<Double>, alphas: SIMD8<Double>) -> SIMD8<Double> {
        let n = x.count
        guard n >= 2 else { return SIMD8(repeating: 0) }
        let complement = SIMD8<Double>(repeating: 1) - alphas
        var level = SIMD8<Double>(repeating: x[0])
        var sum = SIMD8<Double>(repeating: 0)
        var previous = level
        for i in 1..<n {
            let current = SIMD8<Double>(repeating: x[i])
            level = alphas * previous + complement * level
            let e = current - level
            sum += e * e
            previous = current
        }
        return sum
    }
}

extension SimpleSmoothing {
    /// The forecast with α chosen on [lower, upper] by golden-section search on the in-sample
    /// squared error. [0.1, 0.3] is statsforecast's range for its intermittent models (Croston,
    /// ADIDA, IMAPA), the usual range for intermittent demand (Syntetos & Boylan 2005).
    static func optimizedForecast(_ x: UnsafeBufferPointer<Double>, lower: Double = 0.1, upper: Double = 0.3) -> (forecast: Double, alpha: Double) {
        let alpha = GoldenSectionSearch.sesAlpha(x, lower: lower, upper: upper)
        return (forecast(x, alpha: alpha), alpha)
    }
}
