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

    /// `forecast(_:alpha:fitted:)` four steps at a time, for SES with a fixed α, where the peer's
    /// exact rounding buys nothing. Within a block ℓᵢ₊ₖ = Sₖ + (1−α)ᵏ·ℓᵢ with Sₖ the block's own
    /// smoothed inputs, so the chain of dependent operations is one multiply-add per four
    /// values instead of one per value. The filter is a contraction, so rounding differences
    /// from the one-step recursion stay at a few units in the last place.
    static func blockedForecast(_ x: UnsafeBufferPointer<Double>, alpha: Double, fitted: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = x.count
        precondition(n >= 1 && fitted.count == n, "fitted must have the length of x")
        fitted[0] = .nan
        if n == 1 { return x[0] }
        let c = 1 - alpha, c2 = c * c, c3 = c2 * c, c4 = c2 * c2
        var level = x[0]
        var i = 0
        // ℓᵢ (the level after x₀…xᵢ₋₁) is fitted[i]; stop a block short so ℓₙ comes from the tail.
        while i + 4 < n {
            let u0 = alpha * x[i], u1 = alpha * x[i + 1], u2 = alpha * x[i + 2], u3 = alpha * x[i + 3]
            let s2 = u1 + c * u0, s3 = u2 + c * s2, s4 = u3 + c * s3
            fitted[i + 1] = u0 + c * level
            fitted[i + 2] = s2 + c2 * level
            fitted[i + 3] = s3 + c3 * level
            level = s4 + c4 * level
            fitted[i + 4] = level
            i += 4
        }
        while i < n {
            level = alpha * x[i] + c * level
            if i + 1 < n { fitted[i + 1] = level }
            i += 1
        }
        return level
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
    /// Written as four two-lane vectors: the baseline x86-64 target has 128-bit registers, and
    /// spelled this way the compiler keeps every level and sum in a register.
    static func sse(_ x: UnsafeBufferPointer<Double>, alphas: SIMD8<Double>) -> SIMD8<Double> {
        let n = x.count
        guard n >= 2 else { return SIMD8(repeating: 0) }
        let a0 = alphas.lowHalf.lowHalf, a1 = alphas.lowHalf.highHalf
        let a2 = alphas.highHalf.lowHalf, a3 = alphas.highHalf.highHalf
        let one = SIMD2<Double>(repeating: 1)
        let c0 = one - a0, c1 = one - a1, c2 = one - a2, c3 = one - a3
        var l0 = SIMD2<Double>(repeating: x[0]), l1 = l0, l2 = l0, l3 = l0
        var s0 = SIMD2<Double>(repeating: 0), s1 = s0, s2 = s0, s3 = s0
        var previous = l0
        for i in 1..<n {
            let current = SIMD2<Double>(repeating: x[i])
            l0 = a0 * previous + c0 * l0
            l1 = a1 * previous + c1 * l1
            l2 = a2 * previous + c2 * l2
            l3 = a3 * previous + c3 * l3
            let e0 = current - l0, e1 = current - l1, e2 = current - l2, e3 = current - l3
            s0 += e0 * e0
            s1 += e1 * e1
            s2 += e2 * e2
            s3 += e3 * e3
            previous = current
        }
        return SIMD8(lowHalf: SIMD4(lowHalf: s0, highHalf: s1), highHalf: SIMD4(lowHalf: s2, highHalf: s3))
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
