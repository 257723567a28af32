import Commerce
import Foundation
@testable import Storage
import Testing

/// `ModelMonitoringStore` on both backends (the conformance suite): drift reports, live accuracy, alerts with dedupe.
@Suite struct ModelMonitoringStoreTests {
    let t0 = utc("2024-04-01T06:00:00Z")

    func makeStore(_ backend: Backend) async throws -> (store: any StorewiseStore, shopID: Int64, database: ConformanceDatabase) {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        return (database.store, shop.id, database)
    }

    func report(_ shopID: Int64, kind: String = "forecast", version: Int = 1, drifted: Int) -> DriftReportRecord {
        DriftReportRecord(shopID: shopID, kind: kind, version: version, createdAt: t0, referenceFrom: "2024-01-01",
                          referenceTo: "2024-03-31", currentFrom: "2024-04-01", currentTo: "2024-04-28", referenceRows: 900,
                          currentRows: 280, columnCount: 6, driftedColumns: drifted, datasetDrift: drifted >= 3,
                          columnsJSON: #"[{"name":"total","pValue":0.01}]"#)
    }

    @Test(arguments: Backend.all) func driftReportsRoundTripNewestFirst(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let first = try await store.saveDriftReport(report(shopID, drifted: 1))
        let second = try await store.saveDriftReport(report(shopID, drifted: 4))
        let other = try await store.saveDriftReport(report(shopID, kind: "customer-value", drifted: 0))
        #expect(first.id > 0)
        #expect(try await store.driftReport(shopID: shopID, id: second.id) == second)
        #expect(try await store.driftReport(shopID: shopID + 1, id: second.id) == nil)
        #expect(try await store.driftReports(shopID: shopID, kind: "forecast", limit: 10).map(\.id) == [second.id, first.id])
        #expect(try await store.driftReports(shopID: shopID, kind: nil, limit: 2).map(\.id) == [other.id, second.id])
    }

    @Test(arguments: Backend.all) func liveAccuracyIsTheNewestOldestFirst(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        var saved: [LiveAccuracyRecord] = []
        for day in 0..<3 {
            saved.append(try await store.saveLiveAccuracy(LiveAccuracyRecord(
                shopID: shopID, kind: "forecast", version: day == 2 ? 2 : 1, measuredAt: t0.addingTimeInterval(Double(day) * 86400),
                fromDay: "2024-04-01", throughDay: "2024-04-0\(day + 1)", series: 10, days: day + 1,
                metrics: ["mase": 1.1, "bias": .nan], holdoutValue: 0.9)))
        }
        let two = try await store.liveAccuracy(shopID: shopID, kind: "forecast", version: nil, limit: 2)
        #expect(two.map(\.id) == [saved[1].id, saved[2].id])
        #expect(two[0].metrics["mase"] == 1.1 && two[0].metrics["bias"]?.isNaN == true && two[0].holdoutValue == 0.9)
        #expect(try await store.liveAccuracy(shopID: shopID, kind: "forecast", version: 1, limit: 10).map(\.id) == [saved[0].id, saved[1].id])
    }

    @Test(arguments: Backend.all) func alertsDedupeWhileOpen(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        let drift = ModelAlert(shopID: shopID, kind: "forecast", version: 1, type: "drift", severity: "warning",
                               message: "4 of 6 columns drifted", details: ["share": 0.67], createdAt: t0)
        let first = try #require(try await store.raiseAlert(drift))
        #expect(try await store.raiseAlert(drift) == nil)
        // Another version, another type, or no version at all is a different alert.
        var v2 = drift; v2.version = 2
        var live = drift; live.type = "live-accuracy"
        var deployment = drift; deployment.version = nil; deployment.type = "dead-job"
        let second = try #require(try await store.raiseAlert(v2))
        _ = try #require(try await store.raiseAlert(live))
        let third = try #require(try await store.raiseAlert(deployment))
        #expect(try await store.raiseAlert(deployment) == nil)

        #expect(try await store.openAlertCounts() == [
            OpenAlertCount(shopID: shopID, kind: "forecast", type: "dead-job", count: 1),
            OpenAlertCount(shopID: shopID, kind: "forecast", type: "drift", count: 2),
            OpenAlertCount(shopID: shopID, kind: "forecast", type: "live-accuracy", count: 1),
        ])
        #expect(try await store.resolveAlert(shopID: shopID, id: first.id, by: "alice", at: t0))
        #expect(try await store.resolveAlert(shopID: shopID, id: first.id, by: "alice", at: t0) == false)
        try await store.markAlertNotified(id: second.id)

        // Open first (newest first), then the resolved one.
        let alerts = try await store.modelAlerts(shopID: shopID, openOnly: false, limit: 10)
        #expect(alerts.count == 4 && alerts.last?.id == first.id && alerts.first?.id == third.id)
        #expect(alerts.last?.resolvedBy == "alice" && alerts.last?.details == ["share": 0.67])
        #expect(alerts.first { $0.id == second.id }?.notified == true)
        #expect(try await store.modelAlerts(shopID: nil, openOnly: true, limit: 10).count == 3)

        // Resolved: the same alert can be raised again.
        #expect(try await store.raiseAlert(drift) != nil)

        _ = try await store.saveDriftReport(report(shopID, drifted: 1))
        _ = try await store.saveLiveAccuracy(LiveAccuracyRecord(shopID: shopID, kind: "forecast", version: 1, measuredAt: t0,
                                                                fromDay: "2024-04-01", throughDay: "2024-04-02", series: 1, days: 2,
                                                                metrics: [:], holdoutValue: nil))
        try await store.deleteShopData(shopID: shopID)
        for table in ["model_alerts", "model_drift_reports", "model_live_accuracy"] {
            #expect(try await database.count("SELECT count(*) FROM \(table)") == 0, "\(table)")
        }
    }
}
