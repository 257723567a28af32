import Commerce
import Foundation
import Logging
import PostgresNIO

/// Drift reports, live accuracy and alerts in `model_drift_reports`, `model_live_accuracy` and
/// `model_alerts`, written by monitor jobs on any worker.
extension PostgresStore: ModelMonitoringStore {
    public func saveDriftReport(_ report: DriftReportRecord) async throws -> DriftReportRecord {
        try await transaction { connection in
            try await Self.requireLifecycleShop(connection, report.shopID, logger: logger)
            var saved = report
            saved.createdAt = Date(storageMilliseconds: report.createdAt.storageMilliseconds)
            saved.id = try await connection.scalar("""
                INSERT INTO model_drift_reports (shop_id, kind, version, created_at, reference_from, reference_to, current_from,
                    current_to, reference_rows, current_rows, column_count, drifted_columns, dataset_drift, columns_json)
                VALUES (\(report.shopID), \(report.kind), \(Int64(report.version)), \(saved.createdAt.storageMilliseconds),
                    \(report.referenceFrom), \(report.referenceTo), \(report.currentFrom), \(report.currentTo),
                    \(Int64(report.referenceRows)), \(Int64(report.currentRows)), \(Int64(report.columnCount)),
                    \(Int64(report.driftedColumns)), \(Int64(report.datasetDrift ? 1 : 0)), \(report.columnsJSON))
                RETURNING id
                """, logger: logger) ?? 0
            return saved
        }
    }

    public func driftReports(shopID: Int64, kind: String?, limit: Int) async throws -> [DriftReportRecord] {
        try await Self.driftReportRows(rows("""
            SELECT \(unescaped: Self.driftReportColumns) FROM model_drift_reports
            WHERE shop_id = \(shopID) AND (\(kind)::text IS NULL OR kind = \(kind)::text)
            ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
            """))
    }

    public func driftReport(shopID: Int64, id: Int64) async throws -> DriftReportRecord? {
        try await Self.driftReportRows(rows("""
            SELECT \(unescaped: Self.driftReportColumns) FROM model_drift_reports WHERE shop_id = \(shopID) AND id = \(id)
            """)).first
    }

    public func saveLiveAccuracy(_ record: LiveAccuracyRecord) async throws -> LiveAccuracyRecord {
        let metrics = try SQLiteStore.jsonMetrics(record.metrics)
        return try await transaction { connection in
            try await Self.requireLifecycleShop(connection, record.shopID, logger: logger)
            var saved = record
            saved.measuredAt = Date(storageMilliseconds: record.measuredAt.storageMilliseconds)
            saved.id = try await connection.scalar("""
                INSERT INTO model_live_accuracy (shop_id, kind, version, measured_at, from_day, through_day, series, days, metrics,
                    holdout_value)
                VALUES (\(record.shopID), \(record.kind), \(Int64(record.version)), \(saved.measuredAt.storageMilliseconds),
                    \(record.fromDay), \(record.throughDay), \(Int64(record.series)), \(Int64(record.days)), \(metrics),
                    \(record.holdoutValue))
                RETURNING id
                """, logger: logger) ?? 0
            return saved
        }
    }

    /// The newest `limit` measurements, returned oldest first (a chart's x axis).
    public func liveAccuracy(shopID: Int64, kind: String, version: Int?, limit: Int) async throws -> [LiveAccuracyRecord] {
        let version = version.map(Int64.init)
        return try await rows("""
            SELECT id, shop_id, kind, version, measured_at, from_day, through_day, series, days, metrics, holdout_value FROM (
                SELECT id, shop_id, kind, version, measured_at, from_day, through_day, series, days, metrics, holdout_value
                FROM model_live_accuracy
                WHERE shop_id = \(shopID) AND kind = \(kind) AND (\(version)::bigint IS NULL OR version = \(version)::bigint)
                ORDER BY measured_at DESC, id DESC LIMIT \(Int64(max(0, limit)))
            ) newest ORDER BY measured_at, id
            """).map { row in
            let (id, shop, kind, version, measuredAt, fromDay, throughDay, series, days, metrics, holdout) = try row.decode(
                (Int64, Int64, String, Int64, Int64, String, String, Int64, Int64, String, Double?).self)
            return LiveAccuracyRecord(
                id: id, shopID: shop, kind: kind, version: Int(version), measuredAt: Date(storageMilliseconds: measuredAt),
                fromDay: fromDay, throughDay: throughDay, series: Int(series), days: Int(days),
                metrics: SQLiteStore.decodeMetrics(metrics), holdoutValue: holdout)
        }
    }

    public func raiseAlert(_ alert: ModelAlert) async throws -> ModelAlert? {
        let details = try SQLiteStore.jsonMetrics(alert.details)
        return try await transaction { connection in
            try await Self.requireLifecycleShop(connection, alert.shopID, logger: logger)
            // Two monitors raising the same alert at once would both see none open; the lock on
            // shop × kind × type makes the second wait and then find the first's (READ COMMITTED).
            try await connection.execute("""
                SELECT pg_advisory_xact_lock(\(unescaped: LifecycleLock.alerts),
                    hashtext(\(alert.shopID)::text || ':' || \(alert.kind) || ':' || \(alert.type)))
                """, logger: logger)
            let version = alert.version.map(Int64.init)
            let open = try await connection.rows("""
                SELECT 1 FROM model_alerts
                WHERE shop_id = \(alert.shopID) AND kind = \(alert.kind) AND type = \(alert.type)
                  AND version IS NOT DISTINCT FROM \(version)::bigint AND resolved_at IS NULL
                LIMIT 1
                """, logger: logger)
            guard open.isEmpty else { return nil }
            var saved = alert
            saved.createdAt = Date(storageMilliseconds: alert.createdAt.storageMilliseconds)
            saved.resolvedAt = alert.resolvedAt.map { Date(storageMilliseconds: $0.storageMilliseconds) }
            saved.id = try await connection.scalar("""
                INSERT INTO model_alerts (shop_id, kind, version, type, severity, message, details, created_at, resolved_at,
                    resolved_by, notified)
                VALUES (\(alert.shopID), \(alert.kind), \(version), \(alert.type), \(alert.severity), \(alert.message), \(details),
                    \(saved.createdAt.storageMilliseconds), \(saved.resolvedAt?.storageMilliseconds), \(alert.resolvedBy),
                    \(Int64(alert.notified ? 1 : 0)))
                RETURNING id
                """, logger: logger) ?? 0
            return saved
        }
    }

    public func modelAlerts(shopID: Int64?, openOnly: Bool, limit: Int) async throws -> [ModelAlert] {
        try await rows("""
            SELECT id, shop_id, kind, version, type, severity, message, details, created_at, resolved_at, resolved_by, notified
            FROM model_alerts
            WHERE (\(shopID)::bigint IS NULL OR shop_id = \(shopID)::bigint) AND (\(openOnly) = false OR resolved_at IS NULL)
            ORDER BY resolved_at IS NOT NULL, id DESC LIMIT \(Int64(max(0, limit)))
            """).map { row in
            let (id, shop, kind, version, type, severity, message, details, createdAt, resolvedAt, resolvedBy, notified) =
                try row.decode((Int64, Int64, String, Int64?, String, String, String, String, Int64, Int64?, String?, Int64).self)
            return ModelAlert(
                id: id, shopID: shop, kind: kind, version: version.map(Int.init), type: type, severity: severity, message: message,
                details: SQLiteStore.decodeMetrics(details), createdAt: Date(storageMilliseconds: createdAt),
                resolvedAt: resolvedAt.map(Date.init(storageMilliseconds:)), resolvedBy: resolvedBy, notified: notified != 0)
        }
    }

    public func resolveAlert(shopID: Int64, id: Int64, by: String, at: Date) async throws -> Bool {
        try await !rows("""
            UPDATE model_alerts SET resolved_at = \(at.storageMilliseconds), resolved_by = \(by)
            WHERE shop_id = \(shopID) AND id = \(id) AND resolved_at IS NULL
            RETURNING id
            """).isEmpty
    }

    public func markAlertNotified(id: Int64) async throws {
        try await execute("UPDATE model_alerts SET notified = 1 WHERE id = \(id)")
    }

    public func openAlertCounts() async throws -> [OpenAlertCount] {
        try await rows("""
            SELECT shop_id, kind, type, count(*) FROM model_alerts WHERE resolved_at IS NULL
            GROUP BY shop_id, kind, type ORDER BY shop_id, kind COLLATE "C", type COLLATE "C"
            """).map { row in
            let (shop, kind, type, count) = try row.decode((Int64, String, String, Int64).self)
            return OpenAlertCount(shopID: shop, kind: kind, type: type, count: Int(count))
        }
    }

    static let driftReportColumns = """
        id, shop_id, kind, version, created_at, reference_from, reference_to, current_from, current_to, reference_rows,
        current_rows, column_count, drifted_columns, dataset_drift, columns_json
        """

    static func driftReportRows(_ rows: [PostgresRow]) throws -> [DriftReportRecord] {
        try rows.map { row in
            let (id, shop, kind, version, createdAt, referenceFrom, referenceTo, currentFrom, currentTo, referenceRows, currentRows,
                 columnCount, drifted, datasetDrift, columnsJSON) = try row.decode(
                (Int64, Int64, String, Int64, Int64, String, String, String, String, Int64, Int64, Int64, Int64, Int64, String).self)
            return DriftReportRecord(
                id: id, shopID: shop, kind: kind, version: Int(version), createdAt: Date(storageMilliseconds: createdAt),
                referenceFrom: referenceFrom, referenceTo: referenceTo, currentFrom: currentFrom, currentTo: currentTo,
                referenceRows: Int(referenceRows), currentRows: Int(currentRows), columnCount: Int(columnCount),
                driftedColumns: Int(drifted), datasetDrift: datasetDrift != 0, columnsJSON: columnsJSON)
        }
    }
}
