import Foundation
import GRDB

/// Forecast runs in the `forecast_runs`, `forecast_series` and `forecast_days` tables (v3).
extension SQLiteStore: ForecastStore {
    public func saveForecastRun(_ run: ForecastRun, series: [ForecastSeries], keepRuns: Int) async throws -> ForecastRun {
        let keep = max(1, keepRuns)
        return try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM shops WHERE id = ?)", arguments: [run.shopID]) == true else {
                throw StorageError.unknownShop(id: run.shopID)
            }
            var saved = run
            // As read back: instants and durations are stored in whole milliseconds.
            saved.createdAt = Date(storageMilliseconds: run.createdAt.storageMilliseconds)
            let durationMilliseconds = Int64((run.durationSeconds * 1000).rounded())
            saved.durationSeconds = Double(durationMilliseconds) / 1000
            saved.id = try Int64.fetchOne(db, sql: """
                INSERT INTO forecast_runs (shop_id, model_name, model_version, created_at, as_of_day, horizon, levels,
                    series_count, failed_count, status, duration_ms, metrics)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [
                    run.shopID, run.modelName, run.modelVersion, saved.createdAt.storageMilliseconds, run.asOfDay,
                    run.horizon, Self.jsonNumbers(run.levels), run.seriesCount, run.failedCount, run.status.rawValue,
                    durationMilliseconds, try Self.jsonMetrics(run.metrics),
                ]) ?? 0
            let seriesStatement = try db.cachedStatement(sql: """
                INSERT INTO forecast_series (shop_id, run_id, variant_id, location_id, history_start_day, history_days,
                    censored_days, expected_units, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let dayStatement = try db.cachedStatement(sql: """
                INSERT INTO forecast_days (shop_id, run_id, variant_id, location_id, day, mean, lower, upper)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for item in series {
                try seriesStatement.execute(arguments: [
                    run.shopID, saved.id, item.variantID, item.locationID, item.historyStartDay, item.historyDays,
                    item.censoredDays, item.expectedUnits, item.error,
                ])
                for day in item.days {
                    try dayStatement.execute(arguments: [
                        run.shopID, saved.id, item.variantID, item.locationID, day.day, day.mean,
                        Self.jsonNumbers(day.lower), Self.jsonNumbers(day.upper),
                    ])
                }
            }
            // Retention: the newest `keep` runs, always the latest completed one, and every run an
            // aliased model version serves (a champion must stay servable). Series and days go
            // with their run (ON DELETE CASCADE).
            try db.execute(sql: """
                DELETE FROM forecast_runs WHERE shop_id = ?1
                  AND id NOT IN (SELECT id FROM forecast_runs WHERE shop_id = ?1 ORDER BY id DESC LIMIT ?2)
                  AND id IS NOT (SELECT max(id) FROM forecast_runs WHERE shop_id = ?1 AND status = 'completed')
                  AND id NOT IN (\(Self.aliasedRunIDs(prefix: "forecast-run:")))
                """, arguments: [run.shopID, keep])
            return saved
        }
    }

    public func latestForecastRun(shopID: Int64) async throws -> ForecastRun? {
        try await fetchRuns("WHERE shop_id = ? AND status = 'completed' ORDER BY id DESC LIMIT 1", [shopID]).first
    }

    public func forecastRuns(shopID: Int64, limit: Int) async throws -> [ForecastRun] {
        try await fetchRuns("WHERE shop_id = ? ORDER BY id DESC LIMIT ?", [shopID, limit])
    }

    public func forecastRun(shopID: Int64, id: Int64) async throws -> ForecastRun? {
        try await fetchRuns("WHERE shop_id = ? AND id = ?", [shopID, id]).first
    }

    public func forecastSeries(shopID: Int64, runID: Int64, variantID: Int64, locationID: Int64) async throws -> ForecastSeries? {
        try await writer.read { db in
            let arguments: StatementArguments = [shopID, runID, variantID, locationID]
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM forecast_series WHERE shop_id = ? AND run_id = ? AND variant_id = ? AND location_id = ?
                """, arguments: arguments) else { return nil }
            var series = Self.series(row)
            series.days = try Row.fetchAll(db, sql: """
                SELECT day, mean, lower, upper FROM forecast_days
                WHERE shop_id = ? AND run_id = ? AND variant_id = ? AND location_id = ? ORDER BY day
                """, arguments: arguments).map { day in
                ForecastDay(day: day[0], mean: day[1], lower: Self.numbers(day[2]), upper: Self.numbers(day[3]))
            }
            return series
        }
    }

    public func forecastSeriesWithDays(shopID: Int64, runID: Int64) async throws -> [ForecastSeries] {
        try await writer.read { db in
            var all = try Row.fetchAll(db, sql: """
                SELECT * FROM forecast_series WHERE shop_id = ? AND run_id = ? ORDER BY variant_id, location_id
                """, arguments: [shopID, runID]).map(Self.series)
            var index: [VariantLocation: Int] = [:]
            index.reserveCapacity(all.count)
            for (i, series) in all.enumerated() { index[VariantLocation(variantID: series.variantID, locationID: series.locationID)] = i }
            // One cursor over the run's days (ordered by the primary key), parsed by hand: a
            // large shop has millions of day rows and JSONDecoder would dominate the time.
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT variant_id, location_id, day, mean, lower, upper FROM forecast_days
                WHERE shop_id = ? AND run_id = ? ORDER BY variant_id, location_id, day
                """, arguments: [shopID, runID])
            var current = -1
            var key = VariantLocation(variantID: .min, locationID: .min)
            while let row = try cursor.next() {
                let rowKey = VariantLocation(variantID: row[0], locationID: row[1])
                if rowKey != key {
                    key = rowKey
                    current = index[rowKey] ?? -1
                }
                guard current >= 0 else { continue }
                all[current].days.append(ForecastDay(
                    day: row[2], mean: row[3], lower: Self.fastNumbers(row[4]), upper: Self.fastNumbers(row[5])))
            }
            return all
        }
    }

    public func rankedForecastSeries(shopID: Int64, runID: Int64, limit: Int, offset: Int) async throws -> [ForecastSeries] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM forecast_series WHERE shop_id = ? AND run_id = ? AND error IS NULL
                ORDER BY expected_units DESC, variant_id, location_id LIMIT ? OFFSET ?
                """, arguments: [shopID, runID, limit, offset]).map(Self.series)
        }
    }

    public func failedForecastSeries(shopID: Int64, runID: Int64, limit: Int) async throws -> [ForecastSeries] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM forecast_series WHERE shop_id = ? AND run_id = ? AND error IS NOT NULL
                ORDER BY variant_id, location_id LIMIT ?
                """, arguments: [shopID, runID, limit]).map(Self.series)
        }
    }

    private func fetchRuns(_ clause: String, _ arguments: StatementArguments) async throws -> [ForecastRun] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM forecast_runs \(clause)", arguments: arguments).map { row in
                ForecastRun(
                    id: row["id"], shopID: row["shop_id"], modelName: row["model_name"], modelVersion: row["model_version"],
                    createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), asOfDay: row["as_of_day"],
                    horizon: row["horizon"], levels: Self.numbers(row["levels"]), seriesCount: row["series_count"],
                    failedCount: row["failed_count"], status: ForecastRunStatus(rawValue: row["status"]) ?? .failed,
                    durationSeconds: Double(row["duration_ms"] as Int64) / 1000,
                    metrics: JSONColumn.decode([String: Double].self, row["metrics"]) ?? [:])
            }
        }
    }

    private static func series(_ row: Row) -> ForecastSeries {
        ForecastSeries(
            variantID: row["variant_id"], locationID: row["location_id"], historyStartDay: row["history_start_day"],
            historyDays: row["history_days"], censoredDays: row["censored_days"], expectedUnits: row["expected_units"],
            error: row["error"])
    }

    /// A JSON array of numbers, written by hand: tens of thousands per run. A non-finite value
    /// (which JSON cannot hold) is written as null and read back as NaN.
    static func jsonNumbers(_ values: [Double]) -> String {
        "[" + values.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ",") + "]"
    }

    static func numbers(_ text: String?) -> [Double] {
        (JSONColumn.decode([Double?].self, text) ?? []).map { $0 ?? .nan }
    }

    /// `numbers(_:)` for the arrays `jsonNumbers` writes (numbers and null, no nesting), without
    /// JSONDecoder; anything else falls back to it.
    static func fastNumbers(_ text: String?) -> [Double] {
        guard var text else { return [] }
        var values: [Double] = []
        var ok = true
        text.withUTF8 { bytes in
            guard bytes.count >= 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { ok = false; return }
            var start = 1
            var i = 1
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: ",") || i == bytes.count - 1 {
                    if i > start {
                        let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                        if token == "null" { values.append(.nan) } else if let value = Double(token) { values.append(value) } else { ok = false; return }
                    }
                    start = i + 1
                }
                i += 1
            }
        }
        return ok ? values : numbers(text as String?)
    }

    static func jsonMetrics(_ metrics: [String: Double]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(metrics), as: UTF8.self)
    }
}
