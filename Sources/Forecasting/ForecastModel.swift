/// A univariate forecasting method: history in, forecast out.
///
/// Models are values (their parameters are stored properties) and pure: the same history always
/// gives the same forecast. `y` is ordered oldest first, one value per period, with no gaps;
/// callers densify sparse demand first. `levels` are prediction-interval coverages in percent
/// (statsforecast's convention, e.g. `[80, 95]`); a model without intervals ignores them.
///
/// ```swift
/// let f = try SeasonalNaive(seasonLength: 7).forecast(history, horizon: 28, levels: [95])
/// f.mean          // 28 point forecasts
/// ```
public protocol ForecastModel: Sendable {
    /// The model's name as reports and the registry show it, e.g. `SeasonalNaive(7)`.
    var name: String { get }

    /// Fits the model to `y` and forecasts `horizon` periods ahead.
    func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast
}

extension ForecastModel {
    /// Point forecasts only.
    public func forecast(_ y: [Double], horizon: Int) throws -> Forecast {
        try forecast(y, horizon: horizon, levels: [])
    }
}
