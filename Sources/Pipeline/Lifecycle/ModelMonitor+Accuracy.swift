import Foundation
import Metrics
import Monitoring
import Storage

extension ModelMonitor {
    /// Live accuracy of the champion from the actuals that arrived since its training; saves it,
    /// sets `storewise_live_mase{shop,kind}`, and raises a "live-accuracy" alert when the live
    /// primary metric is worse than the holdout value it was promoted on by more than
    /// `alertTolerance` (8 %).
    func liveAccuracy(kind: any ModelKind, champion: ModelVersion, now: Date, into result: inout MonitorSummary.KindResult) async throws {
        guard var record = try await kind.liveAccuracy(shopID: champion.shopID, version: champion) else { return }
        record.holdoutValue = record.holdoutValue ?? champion.primaryValue
        let stored = try await store.saveLiveAccuracy(record)
        result.liveAccuracyID = stored.id
        result.liveMetrics = stored.metrics
        if let mase = stored.metrics["mase"] {
            Gauge(label: "storewise_live_mase", dimensions: [("shop", "\(champion.shopID)"), ("kind", kind.name)]).record(mase)
        }
        guard let alert = Self.accuracyAlert(stored, version: champion, tolerance: options.alertTolerance, at: now) else { return }
        try await self.alert(alert, into: &result)
    }

    /// The "live-accuracy" alert for a measurement, or nil when live is within tolerance (or
    /// either value is missing): "live MASE 1.21 is 14 % worse than the 1.06 it was promoted on".
    static func accuracyAlert(_ record: LiveAccuracyRecord, version: ModelVersion, tolerance: Double, at: Date) -> ModelAlert? {
        let metric = version.draft.primaryMetric
        guard let live = record.metrics[metric], let holdout = record.holdoutValue ?? version.primaryValue,
              live.isFinite, holdout.isFinite, holdout != 0 else { return nil }
        let higherIsBetter = version.draft.higherIsBetter
        guard AccuracyAlertRule(tolerance: tolerance).isAlert(live: live, holdout: holdout, higherIsBetter: higherIsBetter) else { return nil }
        let worse = higherIsBetter ? (holdout - live) / holdout : (live - holdout) / holdout
        let name = metric.count <= 5 ? metric.uppercased() : metric
        return ModelAlert(
            shopID: version.shopID, kind: version.kind, version: version.version, type: "live-accuracy", severity: "warning",
            message: "live \(name) \(PromotionPolicy.format(live, digits: 2)) is \(Int((worse * 100).rounded())) % worse than the "
                + "\(PromotionPolicy.format(holdout, digits: 2)) it was promoted on (\(version.label), \(record.days) days "
                + "\(record.fromDay)…\(record.throughDay))",
            details: ["live": live, "holdout": holdout, "worse_share": worse, "tolerance": tolerance,
                      "series": Double(record.series), "days": Double(record.days)],
            createdAt: at)
    }
}
