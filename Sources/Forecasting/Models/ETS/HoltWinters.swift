/// The Holt–Winters seasonal method (Winters 1960) as statsforecast 2.1.1 defines it: the ETS
/// model ETS(A,A,A) or ETS(M,A,M), i.e. error and season of the same kind with an additive trend,
/// damped or not by AICc (statsforecast passes `damped=None`).
///
/// ```swift
/// let f = try HoltWinters(seasonLength: 7).forecast(history, horizon: 28)
/// ```
public struct HoltWinters: ForecastModel {
    public var seasonLength: Int
    /// `.additive` (ETS(A,A,A)) or `.multiplicative` (ETS(M,A,M)).
    public var errorType: ETSComponent

    public init(seasonLength: Int, errorType: ETSComponent = .additive) {
        self.seasonLength = seasonLength
        self.errorType = errorType
    }

    public var name: String { "HoltWinters" }

    var search: AutoETS {
        let e = errorType.rawValue
        return AutoETS(seasonLength: seasonLength, model: "\(e)A\(e)")
    }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try validate()
        return try search.forecast(y, horizon: horizon, levels: levels)
    }

    /// The fitted model (ETS(·,A,·) or ETS(·,Ad,·)).
    public func fit(_ y: [Double]) throws -> ETSFit {
        try validate()
        return try search.fit(y)
    }

    private func validate() throws {
        guard errorType != .none else {
            throw ForecastError.invalidParameter(name: "errorType", reason: "must be additive (A) or multiplicative (M)")
        }
        guard seasonLength >= 2 else {
            throw ForecastError.invalidParameter(name: "seasonLength", reason: "Holt-Winters needs a season of at least 2 periods, got \(seasonLength)")
        }
    }
}
