import Foundation
import Monitoring
@testable import Pipeline
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
        #expect(alert.details["order_total"] == 0.0012)
        #expect(alert.details["lines"] == nil)
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
}
