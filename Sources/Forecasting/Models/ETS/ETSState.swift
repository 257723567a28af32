/// Smoothing parameters of an ETS model. Absent components use the neutral values R plugs into
/// its recursions: β = 0 without a trend, γ = 0 without a season, φ = 1 without damping.
public struct ETSParameters: Sendable, Equatable {
    public var alpha: Double
    public var beta: Double
    public var gamma: Double
    public var phi: Double

    public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
    }
}

/// The states of an ETS model at one time: level ℓ, growth b (0 without a trend) and the last m
/// seasonal indices, most recent first (`seasons[0]` = s₁ is one period old, `seasons[m−1]` is
/// the index of the next period), the order of R's `states` columns.
public struct ETSState: Sendable, Equatable {
    public var level: Double
    public var growth: Double
    public var seasons: [Double]

    public init(level: Double, growth: Double = 0, seasons: [Double] = []) {
        self.level = level
        self.growth = growth
        self.seasons = seasons
    }
}
