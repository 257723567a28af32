/// The three parameters of a theta model (Fiorucci et al., 2016, §3).
public struct ThetaParameters: Sendable, Equatable {
    /// ℓ₀, the smoothed level before the first observation.
    public var initialLevel: Double
    /// α, the smoothing constant of the level (statsforecast searches [0.1, 0.99]).
    public var alpha: Double
    /// θ ≥ 1, the weight of the short-term theta line; θ = 2 is the standard theta method.
    public var theta: Double

    public init(initialLevel: Double, alpha: Double, theta: Double) {
        self.initialLevel = initialLevel
        self.alpha = alpha
        self.theta = theta
    }

    /// Checks the ranges the recursion needs: α in (0, 1], θ ≥ 1 and a finite ℓ₀.
    func validate() throws {
        guard initialLevel.isFinite else {
            throw ForecastError.invalidParameter(name: "initialLevel", reason: "must be finite, got \(initialLevel)")
        }
        guard alpha > 0, alpha <= 1 else {
            throw ForecastError.invalidParameter(name: "alpha", reason: "must be in (0, 1], got \(alpha)")
        }
        guard theta >= 1, theta.isFinite else {
            throw ForecastError.invalidParameter(name: "theta", reason: "must be a finite number ≥ 1, got \(theta)")
        }
    }
}

/// The state of a theta model after t observations: the smoothed level ℓₜ, the running mean Ȳₜ
/// and the theta line's intercept Aₜ and slope Bₜ.
struct ThetaState: Sendable, Equatable {
    var level: Double
    var meanY: Double
    var a: Double
    var b: Double
    /// How many observations the state has absorbed (t).
    var count: Int
}
