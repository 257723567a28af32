import Foundation
import GRDB

/// Drift reports, live accuracy and alerts in `model_drift_reports`, `model_live_accuracy` and
/// `model_alerts` (v7).
extension SQLiteStore: ModelMonitoringStore {
    public func saveDriftReport(_ report: DriftReportRecord) async throws -> DriftReportRecord {
        try await writer.write { db in
            try Self.requireShop(db, report.shopID)
            var saved = report
            saved.createdAt = Date(storageMilliseconds: report.createdAt.storageMilliseconds)
            saved.id = try Int64.fetchOne(db, sql: """
                INSERT INTO model_drift_reports (shop_id, kind, version, created_at, reference_from, reference_to, current_from,
                    current_to, reference_rows, current_rows, column_count, drifted_columns, dataset_drift, columns_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [
                    report.shopID, report.kind, report.version, saved.createdAt.storageMilliseconds, report.referenceFrom,
                    report.referenceTo, report.currentFrom, report.currentTo, report.referenceRows, report.currentRows,
                    report.columnCount, report.driftedColumns, report.datasetDrift, report.columnsJSON,
                ]) ?? 0
            return saved
        }
    }

    public func driftReports(shopID: Int64, kind: String?, limit: Int) async throws -> [DriftReportRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM model_drift_reports WHERE shop_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY id DESC LIMIT ?3
                """, arguments: [shopID, kind, max(0, limit)]).map(Self.driftReport)
        }
    }

    public func driftReport(shopID: Int64, id: Int64) async throws -> DriftReportRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM model_drift_reports WHERE shop_id = ? AND id = ?", arguments: [shopID, id])
                .map(Self.driftReport)
        }
    }

    public func saveLiveAccuracy(_ record: LiveAccuracyRecord) async throws -> LiveAccuracyRecord {
        let metrics = try Self.jsonMetrics(record.metrics)
        return try await writer.write { db in
            try Self.requireShop(db, record.shopID)
            var saved = record
            saved.measuredAt = Date(storageMilliseconds: record.measuredAt.storageMilliseconds)
            saved.id = try Int64.fetchOne(db, sql: """
                INSERT INTO model_live_accuracy (shop_id, kind, version, measured_at, from_day, through_day, series, days, metrics,
                    holdout_value)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [
                    record.shopID, record.kind, record.version, saved.measuredAt.storageMilliseconds, record.fromDay,
                    record.throughDay, record.series, record.days, metrics, record.holdoutValue,
                ]) ?? 0
            return saved
        }
    }

    /// The newest `limit` measurements, returned oldest first (a chart's x axis).
    public func liveAccuracy(shopID: Int64, kind: String, version: Int?, limit: Int) async throws -> [LiveAccuracyRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT * FROM model_live_accuracy WHERE shop_id = ?1 AND kind = ?2 AND (?3 IS NULL OR version = ?3)
                    ORDER BY measured_at DESC, id DESC LIMIT ?4
                ) ORDER BY measured_at, id
                """, arguments: [shopID, kind, version, max(0, limit)]).map { row in
                LiveAccuracyRecord(
                    id: row["id"], shopID: row["shop_id"], kind: row["kind"], version: row["version"],
                    measuredAt: row.date("measured_at") ?? Date(timeIntervalSince1970: 0), fromDay: row["from_day"],
                    throughDay: row["through_day"], series: row["series"], days: row["days"],
                    metrics: Self.decodeMetrics(row["metrics"]), holdoutValue: row["holdout_value"])
            }
        }
    }

    public func raiseAlert(_ alert: ModelAlert) async throws -> ModelAlert? {
        let details = try Self.jsonMetrics(alert.details)
        return try await writer.write { db in
            try Self.requireShop(db, alert.shopID)
            let open = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM model_alerts
                    WHERE shop_id = ? AND kind = ? AND type = ? AND version IS ? AND resolved_at IS NULL)
                """, arguments: [alert.shopID, alert.kind, alert.type, alert.version]) ?? false
            guard !open else { return nil }
            var saved = alert
            saved.createdAt = Date(storageMilliseconds: alert.createdAt.storageMilliseconds)
            saved.resolvedAt = alert.resolvedAt.map { Date(storageMilliseconds: $0.storageMilliseconds) }
            saved.id = try Int64.fetchOne(db, sql: """
                INSERT INTO model_alerts (shop_id, kind, version, type, severity, message, details, created_at, resolved_at,
                    resolved_by, notified)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [
                    alert.shopID, alert.kind, alert.version, alert.type, alert.severity, alert.message, details,
                    saved.createdAt.storageMilliseconds, saved.resolvedAt?.storageMilliseconds, alert.resolvedBy, alert.notified,
                ]) ?? 0
            return saved
        }
    }

    public func modelAlerts(shopID: Int64?, openOnly: Bool, limit: Int) async throws -> [ModelAlert] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM model_alerts WHERE (?1 IS NULL OR shop_id = ?1) AND (?2 = 0 OR resolved_at IS NULL)
                ORDER BY resolved_at IS NOT NULL, id DESC LIMIT ?3
                """, arguments: [shopID, openOnly, max(0, limit)]).map { row in
                ModelAlert(
                    id: row["id"], shopID: row["shop_id"], kind: row["kind"], version: row["version"], type: row["type"],
                    severity: row["severity"], message: row["message"], details: Self.decodeMetrics(row["details"]),
                    createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), resolvedAt: row.date("resolved_at"),
                    resolvedBy: row["resolved_by"], notified: row["notified"])
            }
        }
    }

    public func resolveAlert(shopID: Int64, id: Int64, by: String, at: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE model_alerts SET resolved_at = ?, resolved_by = ? WHERE shop_id = ? AND id = ? AND resolved_at IS NULL
                """, arguments: [at.storageMilliseconds, by, shopID, id])
            return db.changesCount > 0
        }
    }

    public func markAlertNotified(id: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE model_alerts SET notified = 1 WHERE id = ?", arguments: [id])
        }
    }

    public func openAlertCounts() async throws -> [OpenAlertCount] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT shop_id, kind, type, count(*) FROM model_alerts WHERE resolved_at IS NULL
                GROUP BY shop_id, kind, type ORDER BY shop_id, kind, type
                """).map { row in
                OpenAlertCount(shopID: row[0], kind: row[1], type: row[2], count: row[3])
            }
        }
    }

    static func driftReport(_ row: Row) -> DriftReportRecord {
        DriftReportRecord(
            id: row["id"], shopID: row["shop_id"], kind: row["kind"], version: row["version"],
            createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), referenceFrom: row["reference_from"],
            referenceTo: row["reference_to"], currentFrom: row["current_from"], currentTo: row["current_to"],
            referenceRows: row["reference_rows"], currentRows: row["current_rows"], columnCount: row["column_count"],
            driftedColumns: row["drifted_columns"], datasetDrift: row["dataset_drift"], columnsJSON: row["columns_json"])
    }
}
