/// One component of an exponential smoothing model: absent, additive or multiplicative.
public enum ETSComponent: Character, Sendable, CaseIterable {
    case none = "N"
    case additive = "A"
    case multiplicative = "M"
}

/// The form of a state-space exponential smoothing model ETS(error, trend, season) in the taxonomy
/// of Hyndman, Koehler, Snyder & Grose (2002) and Hyndman et al. (2008, ch. 2): the error is
/// additive or multiplicative, the trend none, additive or multiplicative (optionally damped), the
/// season none, additive or multiplicative.
///
/// ```swift
/// let spec = try ETSSpec("AAdN")   // additive error, damped additive trend, no season
/// spec.description                 // "AAdN"
/// ```
public struct ETSSpec: Sendable, Hashable, CustomStringConvertible {
    public var error: ETSComponent
    public var trend: ETSComponent
    public var season: ETSComponent
    public var damped: Bool

    /// A spec from its parts; `error` cannot be `.none` and `damped` needs a trend.
    public init(error: ETSComponent, trend: ETSComponent, season: ETSComponent, damped: Bool = false) throws {
        guard error != .none else {
            throw ForecastError.invalidParameter(name: "model", reason: "the error component must be A or M, not N")
        }
        guard !(damped && trend == .none) else {
            throw ForecastError.invalidParameter(name: "model", reason: "a damped model needs a trend (A or M)")
        }
        self.error = error
        self.trend = trend
        self.season = season
        self.damped = damped
    }

    /// Parses the compact form used by R and statsforecast: three letters error/trend/season, with
    /// an optional `d` after the trend for damping: "ANN", "AAdN", "MAM", "MNM".
    public init(_ text: String) throws {
        var letters = Array(text)
        var damped = false
        if letters.count == 4, letters[2] == "d" || letters[2] == "D" {
            damped = true
            letters.remove(at: 2)
        }
        guard letters.count == 3,
              let e = ETSComponent(rawValue: letters[0]), let t = ETSComponent(rawValue: letters[1]),
              let s = ETSComponent(rawValue: letters[2]) else {
            throw ForecastError.invalidParameter(
                name: "model", reason: "'\(text)' is not an ETS model: expected three of N/A/M (error, trend, season), e.g. ANN or AAdN")
        }
        try self.init(error: e, trend: t, season: s, damped: damped)
    }

    public var description: String {
        "\(error.rawValue)\(trend.rawValue)\(damped ? "d" : "")\(season.rawValue)"
    }

    /// The R-style label, e.g. `ETS(A,Ad,N)`.
    public var label: String {
        "ETS(\(error.rawValue),\(trend.rawValue)\(damped ? "d" : ""),\(season.rawValue))"
    }

    /// Combinations R's `ets(restrict = TRUE)` refuses because their forecast variance can be
    /// infinite (Hyndman et al. 2008, §15.1.1): additive error with a multiplicative trend or
    /// season, and multiplicative error and trend with an additive season.
    public var isRestricted: Bool {
        (error == .additive && (trend == .multiplicative || season == .multiplicative))
            || (error == .multiplicative && trend == .multiplicative && season == .additive)
    }

    /// True when some component is multiplicative, so the data must be strictly positive.
    public var needsPositiveData: Bool {
        error == .multiplicative || trend == .multiplicative || season == .multiplicative
    }

    /// The linear homoscedastic models (Hyndman et al. 2008, class 1): every component additive.
    var isLinear: Bool { error == .additive && trend != .multiplicative && season != .multiplicative }
}
