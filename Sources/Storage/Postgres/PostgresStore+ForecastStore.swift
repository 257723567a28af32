import Commerce
import Foundation
import PostgresNIO

/// Forecast runs in `forecast_runs`, `forecast_series` and `forecast_days`, as
/// `SQLiteStore+Forecasts.swift` writes them (bounds as the same JSON text, instants in ms).
extension PostgresStore: ForecastStore {
    /// Series per `UNNEST` insert: a few thousand rows per round trip (each array is one bind).
    static let forecastSeriesBatch = 5_000
    /// Day rows per `UNNEST` insert.
    static let forecastDayBatch = 10_000

    public func saveForecastRun(_ run: ForecastRun, series: [ForecastSeries], keepRuns: Int) async throws -> ForecastRun {
        let keep = max(1, keepRuns)
        var saved = run
        // As read back: instants and durations are stored in whole milliseconds.
        saved.createdAt = Date(storageMilliseconds: run.createdAt.storageMilliseconds)
        let durationMilliseconds = Int64((run.durationSeconds * 1000).rounded())
        saved.durationSeconds = Double(durationMilliseconds) / 1000
        let metrics = try SQLiteStore.jsonMetrics(run.metrics)
        let levels = SQLiteStore.jsonNumbers(run.levels)
        let createdAt = saved.createdAt.storageMilliseconds
        let (shopID, logger) = (run.shopID, logger)
        do {
            saved.id = try await transaction { connection in
                try await Self.requireForecastShop(connection, shopID, logger: logger)
                // Two workers saving runs of one shop at once would each miss the other's
                // uncommitted run in the retention below (and could deadlock deleting the same
                // old runs): one save per shop at a time.
                try await Self.planningShopLock(connection, kind: "forecast-runs", shopID: shopID, logger: logger)
                guard let id = try await connection.scalar("""
                    INSERT INTO forecast_runs (shop_id, model_name, model_version, created_at, as_of_day, horizon, levels,
                        series_count, failed_count, status, duration_ms, metrics)
                    VALUES (\(shopID), \(run.modelName), \(run.modelVersion), \(createdAt), \(run.asOfDay), \(run.horizon),
                        \(levels), \(run.seriesCount), \(run.failedCount), \(run.status.rawValue), \(durationMilliseconds), \(metrics))
                    RETURNING id
                    """, logger: logger) else { throw PostgresStoreError("INSERT INTO forecast_runs returned no id") }
                try await Self.insertForecastSeries(connection, shopID: shopID, runID: id, series, logger: logger)
                // Retention: the newest `keep` runs, always the latest completed one, and every run
                // an aliased model version serves (a champion must stay servable). Series and days
                // go with their run (ON DELETE CASCADE). Artifact URIs are "forecast-run:<id>".
                try await connection.execute("""
                    DELETE FROM forecast_runs r WHERE r.shop_id = \(shopID)
                      AND r.id NOT IN (SELECT id FROM forecast_runs WHERE shop_id = \(shopID) ORDER BY id DESC LIMIT \(keep))
                      AND r.id IS DISTINCT FROM (SELECT max(id) FROM forecast_runs WHERE shop_id = \(shopID) AND status = 'completed')
                      AND NOT EXISTS (
                        SELECT 1 FROM model_versions v
                        JOIN model_aliases a ON a.shop_id = v.shop_id AND a.kind = v.kind AND a.version = v.version
                        WHERE v.shop_id = \(shopID) AND v.artifact_uri = 'forecast-run:' || r.id::text)
                    """, logger: logger)
                return id
            }
        } catch let error as PSQLError where error.sqlState == "23503" {
            // The shop went away between the check and the insert (another process deleted it).
            throw StorageError.unknownShop(id: shopID)
        }
        return saved
    }

    /// Inserts the series and then their days with `UNNEST` batches.
    static func insertForecastSeries(
        _ connection: PostgresConnection, shopID: Int64, runID: Int64, _ series: [ForecastSeries], logger: Logger
    ) async throws {
        var start = 0
        while start < series.count {
            let chunk = series[start..<min(start + forecastSeriesBatch, series.count)]
            start += chunk.count
            try await connection.execute("""
                INSERT INTO forecast_series (shop_id, run_id, variant_id, location_id, history_start_day, history_days,
                    censored_days, expected_units, error)
                SELECT \(shopID), \(runID), u.* FROM UNNEST(\(chunk.map(\.variantID)), \(chunk.map(\.locationID)),
                    \(chunk.map(\.historyStartDay)), \(chunk.map(\.historyDays)), \(chunk.map(\.censoredDays)),
                    \(chunk.map(\.expectedUnits)), \(NullableArrayBind(chunk.map(\.error)))) AS u
                """, logger: logger)
        }
        // Before the day rows: their foreign-key checks must find series by the primary key.
        try await analyzeIfGrowing(connection, table: "forecast_series", adding: series.count, logger: logger)
        var variants: [Int64] = [], locations: [Int64] = [], days: [String] = [], means: [Double] = []
        var lowers: [String] = [], uppers: [String] = []
        func flush() async throws {
            guard !variants.isEmpty else { return }
            try await connection.execute("""
                INSERT INTO forecast_days (shop_id, run_id, variant_id, location_id, day, mean, lower, upper)
                SELECT \(shopID), \(runID), u.* FROM UNNEST(\(variants), \(locations), \(days), \(means), \(lowers), \(uppers)) AS u
                """, logger: logger)
            variants.removeAll(keepingCapacity: true); locations.removeAll(keepingCapacity: true)
            days.removeAll(keepingCapacity: true); means.removeAll(keepingCapacity: true)
            lowers.removeAll(keepingCapacity: true); uppers.removeAll(keepingCapacity: true)
        }
        for item in series {
            for day in item.days {
                variants.append(item.variantID); locations.append(item.locationID); days.append(day.day)
                means.append(day.mean)
                lowers.append(SQLiteStore.jsonNumbers(day.lower)); uppers.append(SQLiteStore.jsonNumbers(day.upper))
                if variants.count >= forecastDayBatch { try await flush() }
            }
        }
        try await flush()
        // The retention below cascades per series into `forecast_days` by its primary key.
        try await analyzeIfGrowing(connection, table: "forecast_days", adding: series.reduce(0) { $0 + $1.days.count }, logger: logger)
    }

    public func latestForecastRun(shopID: Int64) async throws -> ForecastRun? {
        try await forecastRuns(rows("""
            SELECT \(unescaped: Self.forecastRunColumns) FROM forecast_runs
            WHERE shop_id = \(shopID) AND status = 'completed' ORDER BY id DESC LIMIT 1
            """)).first
    }

    public func forecastRuns(shopID: Int64, limit: Int) async throws -> [ForecastRun] {
        // SQLite reads a negative LIMIT as no limit.
        let limit: Int64? = limit < 0 ? nil : Int64(limit)
        return try await forecastRuns(rows("""
            SELECT \(unescaped: Self.forecastRunColumns) FROM forecast_runs WHERE shop_id = \(shopID) ORDER BY id DESC LIMIT \(limit)
            """))
    }

    public func forecastRun(shopID: Int64, id: Int64) async throws -> ForecastRun? {
        try await forecastRuns(rows("""
            SELECT \(unescaped: Self.forecastRunColumns) FROM forecast_runs WHERE shop_id = \(shopID) AND id = \(id)
            """)).first
    }

    public func forecastSeries(shopID: Int64, runID: Int64, variantID: Int64, locationID: Int64) async throws -> ForecastSeries? {
        let logger = logger
        return try await forecastSnapshotRead { connection in
            guard let row = try await connection.rows("""
                SELECT \(unescaped: Self.forecastSeriesColumns) FROM forecast_series
                WHERE shop_id = \(shopID) AND run_id = \(runID) AND variant_id = \(variantID) AND location_id = \(locationID)
                """, logger: logger).first else { return nil }
            var series = try Self.forecastSeries(row)
            series.days = try await connection.rows("""
                SELECT day, mean, lower, upper FROM forecast_days
                WHERE shop_id = \(shopID) AND run_id = \(runID) AND variant_id = \(variantID) AND location_id = \(locationID)
                ORDER BY day
                """, logger: logger).map { row in
                let (day, mean, lower, upper) = try row.decode((String, Double, String, String).self)
                return ForecastDay(day: day, mean: mean, lower: SQLiteStore.numbers(lower), upper: SQLiteStore.numbers(upper))
            }
            return series
        }
    }

    public func forecastSeriesWithDays(shopID: Int64, runID: Int64) async throws -> [ForecastSeries] {
        let logger = logger
        return try await forecastSnapshotRead { connection in
            var all = try await connection.rows("""
                SELECT \(unescaped: Self.forecastSeriesColumns) FROM forecast_series
                WHERE shop_id = \(shopID) AND run_id = \(runID) ORDER BY variant_id, location_id
                """, logger: logger).map(Self.forecastSeries)
            var index: [VariantLocation: Int] = [:]
            index.reserveCapacity(all.count)
            for (i, series) in all.enumerated() { index[VariantLocation(variantID: series.variantID, locationID: series.locationID)] = i }
            // Streamed, not collected: a large shop has millions of day rows. Bounds parsed by hand
            // (JSONDecoder would dominate the time).
            let days = try await connection.query("""
                SELECT variant_id, location_id, day, mean, lower, upper FROM forecast_days
                WHERE shop_id = \(shopID) AND run_id = \(runID) ORDER BY variant_id, location_id, day
                """, logger: logger)
            var current = -1
            var key = VariantLocation(variantID: .min, locationID: .min)
            for try await row in days {
                let (variant, location, day, mean, lower, upper) = try row.decode((Int64, Int64, String, Double, String, String).self)
                let rowKey = VariantLocation(variantID: variant, locationID: location)
                if rowKey != key {
                    key = rowKey
                    current = index[rowKey] ?? -1
                }
                guard current >= 0 else { continue }
                all[current].days.append(ForecastDay(
                    day: day, mean: mean, lower: SQLiteStore.fastNumbers(lower), upper: SQLiteStore.fastNumbers(upper)))
            }
            return all
        }
    }

    public func rankedForecastSeries(shopID: Int64, runID: Int64, limit: Int, offset: Int) async throws -> [ForecastSeries] {
        let limit: Int64? = limit < 0 ? nil : Int64(limit)
        return try await rows("""
            SELECT \(unescaped: Self.forecastSeriesColumns) FROM forecast_series
            WHERE shop_id = \(shopID) AND run_id = \(runID) AND error IS NULL
            ORDER BY expected_units DESC, variant_id, location_id LIMIT \(limit) OFFSET \(Int64(max(0, offset)))
            """).map(Self.forecastSeries)
    }

    public func failedForecastSeries(shopID: Int64, runID: Int64, limit: Int) async throws -> [ForecastSeries] {
        let limit: Int64? = limit < 0 ? nil : Int64(limit)
        return try await rows("""
            SELECT \(unescaped: Self.forecastSeriesColumns) FROM forecast_series
            WHERE shop_id = \(shopID) AND run_id = \(runID) AND error IS NOT NULL
            ORDER BY variant_id, location_id LIMIT \(limit)
            """).map(Self.forecastSeries)
    }

    static let forecastRunColumns = """
        id, shop_id, model_name, model_version, created_at, as_of_day, horizon, levels, series_count, failed_count, status, \
        duration_ms, metrics
        """

    static let forecastSeriesColumns = """
        variant_id, location_id, history_start_day, history_days, censored_days, expected_units, error
        """

    private func forecastRuns(_ rows: [PostgresRow]) throws -> [ForecastRun] {
        try rows.map { row in
            let (id, shopID, modelName, modelVersion, createdAt, asOfDay, horizon, levels, seriesCount, failedCount, status,
                 duration, metrics) =
                try row.decode((Int64, Int64, String, String, Int64, String, Int, String, Int, Int, String, Int64, String).self)
            return ForecastRun(
                id: id, shopID: shopID, modelName: modelName, modelVersion: modelVersion,
                createdAt: Date(storageMilliseconds: createdAt), asOfDay: asOfDay, horizon: horizon,
                levels: SQLiteStore.numbers(levels), seriesCount: seriesCount, failedCount: failedCount,
                status: ForecastRunStatus(rawValue: status) ?? .failed, durationSeconds: Double(duration) / 1000,
                metrics: JSONColumn.decode([String: Double].self, metrics) ?? [:])
        }
    }

    private static func forecastSeries(_ row: PostgresRow) throws -> ForecastSeries {
        let (variant, location, start, historyDays, censored, expected, error) =
            try row.decode((Int64, Int64, String, Int, Int, Double, String?).self)
        return ForecastSeries(
            variantID: variant, locationID: location, historyStartDay: start, historyDays: historyDays,
            censoredDays: censored, expectedUnits: expected, error: error)
    }
}
