import Foundation
import Monitoring
@testable import Pipeline
import Simulation
import Storage
import Testing

@Suite("ModelMonitor")
struct ModelMonitorTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func version(_ n: Int, metric: String = "mase", higherIsBetter: Bool = false, holdout: Double = 1.06) -> ModelVersion {
        ModelVersion(id: Int64(n), version: n, createdAt: t0, draft: ModelVersionDraft(
            shopID: 1, kind: metric == "mase" ? "forecast" : "recommendations", createdBy: "scheduler", trigger: "initial", parameters: [:],
            data: TrainingDataIdentity(firstEventID: 1, lastEventID: 2, eventCount: 2, projectionDigest: "d", asOfDay: "2026-09-20"),
            holdoutMetrics: [metric: holdout], primaryMetric: metric, higherIsBetter: higherIsBetter, artifactURI: "run:1", artifactDigest: "a"))
    }

    static func live(_ metrics: [String: Double]) -> LiveAccuracyRecord {
        LiveAccuracyRecord(shopID: 1, kind: "forecast", version: 3, measuredAt: t0, fromDay: "2026-09-21", throughDay: "2026-09-27",
                           series: 40, days: 7, metrics: metrics, holdoutValue: nil)
    }

    @Test("live MASE 1.21 against holdout 1.06: (1.21 − 1.06) / 1.06 = 14.2 % worse > 8 % → alert; 1.14 (7.5 %) → none")
    func liveAccuracyAlert() throws {
        let v3 = Self.version(3)
        let alert = try #require(ModelMonitor.accuracyAlert(Self.live(["mase": 1.21, "rmsse": 1.3]), version: v3, tolerance: 0.08, at: Self.t0))
        #expect(alert.type == "live-accuracy")
        #expect(alert.kind == "forecast" && alert.version == 3)
        #expect(alert.message.hasPrefix("live MASE 1.21 is 14 % worse than the 1.06 it was promoted on"))
        #expect(alert.details["holdout"] == 1.06)
        // 1.14 / 1.06 = 1.0755: within 8 %.
        #expect(ModelMonitor.accuracyAlert(Self.live(["mase": 1.14]), version: v3, tolerance: 0.08, at: Self.t0) == nil)
        // No live value of the primary metric: nothing to compare.
        #expect(ModelMonitor.accuracyAlert(Self.live(["rmsse": 9]), version: v3, tolerance: 0.08, at: Self.t0) == nil)
    }

    @Test("higher-is-better: HR@10 0.27 against 0.30 is 10 % worse → alert; 0.28 (6.7 %) → none")
    func higherIsBetter() throws {
        let v = Self.version(2, metric: "hr_at_10", higherIsBetter: true, holdout: 0.30)
        let alert = try #require(ModelMonitor.accuracyAlert(Self.live(["hr_at_10": 0.27]), version: v, tolerance: 0.08, at: Self.t0))
        #expect(alert.message.hasPrefix("live hr_at_10 0.27 is 10 % worse than the 0.3 it was promoted on"))
        #expect(ModelMonitor.accuracyAlert(Self.live(["hr_at_10": 0.28]), version: v, tolerance: 0.08, at: Self.t0) == nil)
    }

    static func column(_ name: String, _ method: DriftMethod, _ statistic: Double, drifted: Bool, psi: Double) -> ColumnDrift {
        ColumnDrift(name: name, method: method, statistic: statistic, threshold: method.isPValue ? 0.05 : 0.1, drifted: drifted, psi: psi,
                    referenceRows: 500, currentRows: 120, uniqueValues: 40, isNumerical: method == .ks,
                    bins: [DriftBin(label: "a", referenceShare: 0.5, currentShare: 0.25)])
    }

    @Test("drift alert names the drifted columns with their test and statistic")
    func driftAlert() {
        let report = DatasetDriftReport(
            columns: [Self.column("order_total", .ks, 0.0012, drifted: true, psi: 0.31), Self.column("lines", .ks, 0.4, drifted: false, psi: 0.01),
                      Self.column("channel", .chiSquare, 0.02, drifted: true, psi: 0.12), Self.column("units", .ks, 0.3, drifted: false, psi: 0)],
            driftedCount: 2, share: 0.5, datasetDrift: true, referenceRows: 500, currentRows: 120)
        let alert = ModelMonitor.driftAlert(report, version: Self.version(3), at: Self.t0)
        #expect(alert.type == "drift" && alert.version == 3)
        #expect(alert.message == "dataset drift on forecast@v3: 2 of 4 columns drifted — order_total (ks p=0.0012, PSI 0.31), "
            + "channel (chisquare p=0.02, PSI 0.12)")
        #expect(alert.details["drift_share"] == 0.5)
        #expect(alert.details["statistic:order_total"] == 0.0012)
        #expect(alert.details["psi:channel"] == 0.12)
        #expect(alert.details["statistic:lines"] == nil)
    }

    @Test("drift columns survive the codec the dashboard reads; prediction reports are recognised")
    func codec() throws {
        let columns = [Self.column("order_total", .ks, 0.0012, drifted: true, psi: 0.31), Self.column("channel", .jensenShannon, .nan, drifted: false, psi: 0)]
        let json = try DriftColumnsCodec.encode(columns)
        let decoded = try DriftColumnsCodec.decode(json)
        #expect(decoded[0] == columns[0])
        #expect(decoded[1].statistic.isNaN)
        func record(_ json: String) -> DriftReportRecord {
            DriftReportRecord(shopID: 1, kind: "forecast", version: 1, createdAt: Self.t0, referenceFrom: "", referenceTo: "", currentFrom: "",
                              currentTo: "", referenceRows: 1, currentRows: 1, columnCount: 1, driftedColumns: 0, datasetDrift: false, columnsJSON: json)
        }
        #expect(!DriftColumnsCodec.isPredictionReport(record(json)))
        let prediction = try DriftColumnsCodec.encode([Self.column("prediction:expected_units", .ks, 0.5, drifted: false, psi: 0)])
        #expect(DriftColumnsCodec.isPredictionReport(record(prediction)))
        let reference = [FeatureColumn.numerical("order_total", [1, 2.5]), .categorical("channel", ["online", "pos"])]
        #expect(try DriftColumnsCodec.decodeReference(DriftColumnsCodec.encodeReference(reference)) == reference)
        #expect(try DriftColumnsCodec.decodeReference(nil) == nil)
    }

    /// A reference sample unlike any simulated order: every column must drift against the shop's last week.
    static func alienReference(rows: Int = 200) -> [FeatureColumn] {
        [.numerical("order_total", (0..<rows).map { 10_000 + Double($0 % 7) }), .numerical("lines", Array(repeating: 40, count: rows)),
         .numerical("units", (0..<rows).map { 90 + Double($0 % 5) }), .categorical("channel", Array(repeating: "pigeon", count: rows)),
         .categorical("discounted", Array(repeating: "maybe", count: rows)), .categorical("customer", Array(repeating: "robot", count: rows)),
         .categorical("product_type", Array(repeating: "Nothing", count: rows))]
    }

    @Test("a monitor job on a simulated shop: feature drift saved and alerted, prediction drift against v2, live accuracy alert; no repeats")
    func monitorJob() async throws {
        let shop = try await SimulatedShop.ingest(.small)
        defer { try? FileManager.default.removeItem(at: shop.directory) }
        let store = shop.store
        let orders = try await store.orderFeatureRows(shopID: shop.shopID, from: .distantPast, to: .distantFuture)
        let now = try #require(orders.last?.createdAt).addingTimeInterval(1)
        let reference = try DriftColumnsCodec.encodeReference(Self.alienReference())
        _ = try await store.registerModelVersion(StubKind.draft(shopID: shop.shopID, jobID: 1, reference: reference), at: now.addingTimeInterval(-86_400))
        _ = try await store.registerModelVersion(StubKind.draft(shopID: shop.shopID, jobID: 2, reference: reference), at: now.addingTimeInterval(-3600))
        try await store.moveAliases(shopID: shop.shopID, kind: "stub", [AliasChange(alias: ModelAlias.champion, version: 1)],
                                    actor: "test", action: "promote", reason: "test", at: now.addingTimeInterval(-3600))
        let monitor = ModelMonitor(store: store, kinds: ModelKinds([StubKind()]), options: LifecycleOptions(), clock: { now })
        let worker = JobWorker(store: store, handlers: [monitor], options: LifecycleOptions())
        let job = try await store.enqueueJob(JobDraft(shopID: shop.shopID, type: "monitor", payload: #"{"shop_id":\#(shop.shopID)}"#,
                                                      dedupeKey: "monitor:\(shop.shopID)", runAfter: now, requestedBy: "test"), at: now)
        #expect(await worker.runOnce(now: now))
        let done = try #require(try await store.job(id: job.id))
        #expect(done.state == .succeeded)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let summary = try decoder.decode(MonitorSummary.self, from: Data(try #require(done.result).utf8))
        let result = try #require(summary.kinds.first)
        #expect(summary.kinds.count == 1 && result.kind == "stub" && result.version == 1)
        #expect(result.notes == [])
        #expect(result.datasetDrift == true)
        #expect(result.predictionDrift == true)
        #expect(result.liveMetrics?["mase"] == 1.21)
        #expect(result.alerts.sorted() == ["drift", "live-accuracy"])

        let reports = try await store.driftReports(shopID: shop.shopID, kind: "stub", limit: 10)
        #expect(reports.count == 2)
        let feature = try #require(reports.first { !DriftColumnsCodec.isPredictionReport($0) })
        #expect(feature.version == 1 && feature.columnCount == 7 && feature.referenceRows == 200)
        #expect(feature.currentRows == orders.filter { $0.createdAt >= now.addingTimeInterval(-7 * 86_400) }.count)
        #expect(try DriftColumnsCodec.decode(feature.columnsJSON).map(\.name)
            == ["order_total", "lines", "units", "channel", "discounted", "customer", "product_type"])
        let prediction = try #require(reports.first { DriftColumnsCodec.isPredictionReport($0) })
        #expect(try DriftColumnsCodec.decode(prediction.columnsJSON).map(\.name) == ["prediction:expected_units"])
        let accuracy = try await store.liveAccuracy(shopID: shop.shopID, kind: "stub", version: 1, limit: 10)
        #expect(accuracy.map(\.holdoutValue) == [1.06])
        let alerts = try await store.modelAlerts(shopID: shop.shopID, openOnly: true, limit: 10)
        #expect(alerts.map(\.type).sorted() == ["drift", "live-accuracy"])
        #expect(alerts.first { $0.type == "drift" }?.message.hasPrefix("dataset drift on stub@v1: 7 of 7 columns drifted — order_total (ks p<0.0001") == true)
        #expect(alerts.first { $0.type == "live-accuracy" }?.message.hasPrefix("live MASE 1.21 is 14 % worse than the 1.06 it was promoted on") == true)

        // A second pass: new reports, but the open alerts are not raised again.
        let again = try await monitor.check(shopID: shop.shopID, now: now.addingTimeInterval(3600))
        #expect(again.kinds.first?.alerts == [])
        #expect(try await store.modelAlerts(shopID: shop.shopID, openOnly: true, limit: 10).count == 2)
    }
}
