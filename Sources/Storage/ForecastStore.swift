import Foundation

/// Stored demand forecasts: runs, and per run the forecast of every variant × location.
///
/// A run is written whole in one transaction, so readers see all of it or none. Older runs stay
/// (up to a retention count) so forecasts can be compared with what happened; the latest
/// completed run is never dropped by retention.
///
/// ```swift
/// let saved = try await store.saveForecastRun(run, series: series, keepRuns: 10)
/// let latest = try await store.latestForecastRun(shopID: shop.id)
/// let one = try await store.forecastSeries(shopID: shop.id, runID: saved.id, variantID: 11, locationID: 77)
/// ```
public protocol ForecastStore: Sendable {
    /// Stores `run` (its `id` is ignored) with its series and their days in one transaction,
    /// then deletes the shop's runs beyond the newest `keepRuns` (keeping the latest completed
    /// one). Returns the run with its assigned id. Throws `StorageError.unknownShop`.
    func saveForecastRun(_ run: ForecastRun, series: [ForecastSeries], keepRuns: Int) async throws -> ForecastRun
    /// The newest run with status `.completed`, or nil.
    func latestForecastRun(shopID: Int64) async throws -> ForecastRun?
    /// The shop's runs, newest first, any status.
    func forecastRuns(shopID: Int64, limit: Int) async throws -> [ForecastRun]
    func forecastRun(shopID: Int64, id: Int64) async throws -> ForecastRun?
    /// One series of a run with its forecast days, or nil when the run has no such series.
    func forecastSeries(shopID: Int64, runID: Int64, variantID: Int64, locationID: Int64) async throws -> ForecastSeries?
    /// Every series of a run with its forecast days (failed series without days), ordered by
    /// variant and location: what replenishment reads, in one pass.
    func forecastSeriesWithDays(shopID: Int64, runID: Int64) async throws -> [ForecastSeries]
    /// A run's forecast series by expected units over the horizon, largest first, without days.
    func rankedForecastSeries(shopID: Int64, runID: Int64, limit: Int, offset: Int) async throws -> [ForecastSeries]
    /// A run's series that have no forecast, with their errors, without days.
    func failedForecastSeries(shopID: Int64, runID: Int64, limit: Int) async throws -> [ForecastSeries]
}
