import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: ForecastStore {
    public func saveForecastRun(_ run: ForecastRun, series: [ForecastSeries], keepRuns: Int) async throws -> ForecastRun {
        throw PostgresStoreError.notImplemented("ForecastStore.saveForecastRun")
    }

    public func latestForecastRun(shopID: Int64) async throws -> ForecastRun? {
        throw PostgresStoreError.notImplemented("ForecastStore.latestForecastRun")
    }

    public func forecastRuns(shopID: Int64, limit: Int) async throws -> [ForecastRun] {
        throw PostgresStoreError.notImplemented("ForecastStore.forecastRuns")
    }

    public func forecastRun(shopID: Int64, id: Int64) async throws -> ForecastRun? {
        throw PostgresStoreError.notImplemented("ForecastStore.forecastRun")
    }

    public func forecastSeries(shopID: Int64, runID: Int64, variantID: Int64, locationID: Int64) async throws -> ForecastSeries? {
        throw PostgresStoreError.notImplemented("ForecastStore.forecastSeries")
    }

    public func forecastSeriesWithDays(shopID: Int64, runID: Int64) async throws -> [ForecastSeries] {
        throw PostgresStoreError.notImplemented("ForecastStore.forecastSeriesWithDays")
    }

    public func rankedForecastSeries(shopID: Int64, runID: Int64, limit: Int, offset: Int) async throws -> [ForecastSeries] {
        throw PostgresStoreError.notImplemented("ForecastStore.rankedForecastSeries")
    }

    public func failedForecastSeries(shopID: Int64, runID: Int64, limit: Int) async throws -> [ForecastSeries] {
        throw PostgresStoreError.notImplemented("ForecastStore.failedForecastSeries")
    }
}
