import Foundation

/// Whether a forecast run produced forecasts.
public enum ForecastRunStatus: String, Hashable, Sendable, Codable {
    /// Every series was attempted; those that failed carry their error. The API serves the latest.
    case completed
    /// No series could be forecast (every one failed): kept for the record, never served.
    case failed
}

/// One forecast run of a shop: which model, as of which day, how far ahead, and how it went.
public struct ForecastRun: Hashable, Sendable, Codable {
    /// Assigned by the store when the run is saved (a value given to `saveForecastRun` is ignored).
    public var id: Int64
    public var shopID: Int64
    /// The forecaster's name, e.g. `AutoForecaster(7,median)`.
    public var modelName: String
    public var modelVersion: String
    public var createdAt: Date
    /// The last day of history the forecasts saw ("YYYY-MM-DD", shop-local); they start the day after.
    public var asOfDay: String
    /// Days forecast ahead.
    public var horizon: Int
    /// Interval coverages in percent, ascending; every forecast day has one bound pair per level.
    public var levels: [Double]
    /// Variant × location series attempted, and how many of them failed.
    public var seriesCount: Int
    public var failedCount: Int
    public var status: ForecastRunStatus
    /// Wall-clock seconds from reading the demand to the forecasts being ready to store.
    public var durationSeconds: Double
    /// Summary figures of the run by name (e.g. `expected_units`, `censored_share`).
    public var metrics: [String: Double]

    public init(
        id: Int64 = 0, shopID: Int64, modelName: String, modelVersion: String, createdAt: Date, asOfDay: String,
        horizon: Int, levels: [Double], seriesCount: Int, failedCount: Int, status: ForecastRunStatus,
        durationSeconds: Double, metrics: [String: Double] = [:]
    ) {
        self.id = id; self.shopID = shopID; self.modelName = modelName; self.modelVersion = modelVersion
        self.createdAt = createdAt; self.asOfDay = asOfDay; self.horizon = horizon; self.levels = levels
        self.seriesCount = seriesCount; self.failedCount = failedCount; self.status = status
        self.durationSeconds = durationSeconds; self.metrics = metrics
    }
}

/// The forecast of one variant × location in a run, or why there is none.
public struct ForecastSeries: Hashable, Sendable, Codable {
    public var variantID: Int64
    /// The demand location (see `DemandDay.locationID`).
    public var locationID: Int64
    /// First day of the history the model saw (the first sale), "YYYY-MM-DD".
    public var historyStartDay: String
    /// Days of history (first sale through the run's as-of day) and how many were censored.
    public var historyDays: Int
    public var censoredDays: Int
    /// Sum of the mean forecast over the horizon; 0 when the series failed.
    public var expectedUnits: Double
    /// Why the series has no forecast (the model's error); nil when it has one.
    public var error: String?
    /// One entry per forecast day, in order; empty for a failed series and in ranked listings.
    public var days: [ForecastDay]

    public init(
        variantID: Int64, locationID: Int64, historyStartDay: String, historyDays: Int, censoredDays: Int,
        expectedUnits: Double, error: String? = nil, days: [ForecastDay] = []
    ) {
        self.variantID = variantID; self.locationID = locationID; self.historyStartDay = historyStartDay
        self.historyDays = historyDays; self.censoredDays = censoredDays; self.expectedUnits = expectedUnits
        self.error = error; self.days = days
    }
}

/// The forecast for one day: the mean and the interval bounds at the run's levels.
public struct ForecastDay: Hashable, Sendable, Codable {
    /// "YYYY-MM-DD", shop-local.
    public var day: String
    public var mean: Double
    /// Lower and upper bounds, one per level of the run, in the run's level order.
    public var lower: [Double]
    public var upper: [Double]

    public init(day: String, mean: Double, lower: [Double], upper: [Double]) {
        self.day = day; self.mean = mean; self.lower = lower; self.upper = upper
    }
}
