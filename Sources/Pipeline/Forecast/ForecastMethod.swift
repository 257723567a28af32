import Forecasting

/// The forecaster a `ForecastJob` applies to every series, with the name and version stored
/// beside its forecasts.
///
/// Any `ForecastModel` is one (`ForecastMethod(model:version:)`), and so is any closure from
/// (history, horizon, levels) to a `Forecast`, e.g. one that picks a model per series.
///
/// ```swift
/// let job = ForecastJob(demand: store, store: store, method: .standard)
/// let custom = ForecastMethod(model: SomeModel(), version: "2")
/// ```
public struct ForecastMethod: Sendable {
    /// Recorded as the run's model name.
    public var name: String
    /// Recorded as the run's model version: change it whenever the method's output changes, so
    /// stored forecasts say what made them.
    public var version: String
    /// Fits one history (dense, censored days imputed) and forecasts `horizon` days with
    /// intervals at `levels` (percent). Called on worker threads, never on the async pool.
    public var forecast: @Sendable (_ history: [Double], _ horizon: Int, _ levels: [Double]) throws -> Forecast

    public init(name: String, version: String, forecast: @escaping @Sendable (_ history: [Double], _ horizon: Int, _ levels: [Double]) throws -> Forecast) {
        self.name = name
        self.version = version
        self.forecast = forecast
    }

    /// A model as a method, under the model's own name.
    public init(model: some ForecastModel, version: String) {
        self.init(name: model.name, version: version) { history, horizon, levels in
            try model.forecast(history, horizon: horizon, levels: levels)
        }
    }

    /// What `storewise forecast`, the demo and the server run: the automatic forecaster (SBC
    /// routing, rolling-origin validation, median of the three best, count intervals).
    public static let standard = ForecastMethod(model: AutoForecaster(seasonLength: 7), version: "1")
}
