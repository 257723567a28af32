import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: ModelMonitoringStore {
    public func saveDriftReport(_ report: DriftReportRecord) async throws -> DriftReportRecord {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.saveDriftReport")
    }

    public func driftReports(shopID: Int64, kind: String?, limit: Int) async throws -> [DriftReportRecord] {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.driftReports")
    }

    public func driftReport(shopID: Int64, id: Int64) async throws -> DriftReportRecord? {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.driftReport")
    }

    public func saveLiveAccuracy(_ record: LiveAccuracyRecord) async throws -> LiveAccuracyRecord {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.saveLiveAccuracy")
    }

    public func liveAccuracy(shopID: Int64, kind: String, version: Int?, limit: Int) async throws -> [LiveAccuracyRecord] {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.liveAccuracy")
    }

    public func raiseAlert(_ alert: ModelAlert) async throws -> ModelAlert? {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.raiseAlert")
    }

    public func modelAlerts(shopID: Int64?, openOnly: Bool, limit: Int) async throws -> [ModelAlert] {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.modelAlerts")
    }

    public func resolveAlert(shopID: Int64, id: Int64, by: String, at: Date) async throws -> Bool {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.resolveAlert")
    }

    public func markAlertNotified(id: Int64) async throws {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.markAlertNotified")
    }

    public func openAlertCounts() async throws -> [OpenAlertCount] {
        throw PostgresStoreError.notImplemented("ModelMonitoringStore.openAlertCounts")
    }
}
