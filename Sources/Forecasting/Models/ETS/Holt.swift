/// Holt's linear trend method (Holt 1957) as statsforecast 2.1.1 defines it: the ETS model with
/// the given error, an additive trend and no season, damped or not by AICc (statsforecast passes
/// `damped=None`, so both ETS(·,A,N) and ETS(·,Ad,N) are fitted and the better one kept).
///
/// ```swift
/// let f = try Holt().forecast(history, horizon: 7, levels: [95])
/// ```
public struct Holt: ForecastModel {
    public var seasonLength: Int
    /// `.additive` (ETS(A,A,N)) or `.multiplicative` (ETS(M,A,N)).
    public var errorType: ETSComponent

    public init(seasonLength: Int = 1, errorType: ETSComponent = .additive) {
        self.seasonLength = seasonLength
        self.errorType = errorType
    }

    public var name: String { "Holt" }

    var search: AutoETS { AutoETS(seasonLength: seasonLength, model: "\(errorType.rawValue)AN") }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try validate()
        return try search.forecast(y, horizon: horizon, levels: levels)
    }

    /// The fitted model (ETS(·,A,N) or ETS(·,Ad,N)).
    public func fit(_ y: [Double]) throws -> ETSFit {
        try validate()
        return try search.fit(y)
    }

    private func validate() throws {
        guard errorType != .none else {
            throw ForecastError.invalidParameter(name: "errorType", reason: "must be additive (A) or multiplicative (M)")
        }
    }
}
