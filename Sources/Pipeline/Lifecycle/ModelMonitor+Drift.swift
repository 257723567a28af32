import Commerce
import Foundation
import Metrics
import Monitoring
import Storage

extension ModelMonitor {
    /// Feature drift of the champion: its reference sample against the last `currentWindowDays`
    /// of orders. Saves a report, sets `storewise_drift_share{shop,kind}` and raises a "drift"
    /// alert on dataset drift naming the drifted columns and their statistics.
    func featureDrift(kind: any ModelKind, champion: ModelVersion, timeZone: String, now: Date,
                      into result: inout MonitorSummary.KindResult) async throws {
        let shopID = champion.shopID
        // The same window the training runner sampled (through the as-of day, or the day it was trained).
        let referenceWindow = TrainingRunner.referenceWindow(asOfDay: champion.draft.data.asOfDay, timeZone: timeZone,
                                                             days: options.referenceWindowDays, now: champion.createdAt)
        let reference: [FeatureColumn]
        if let stored = try DriftColumnsCodec.decodeReference(champion.draft.reference) {
            reference = stored
        } else {
            reference = try await OrderFeatures.sample(store, shopID: shopID, from: referenceWindow.from, to: referenceWindow.to)
        }
        let currentFrom = now.addingTimeInterval(-Double(options.currentWindowDays) * 86_400)
        let current = try await OrderFeatures.sample(store, shopID: shopID, from: currentFrom, to: now)
        let referenceRows = reference.first?.count ?? 0, currentRows = current.first?.count ?? 0
        guard referenceRows > 0, currentRows > 0 else {
            result.notes.append("feature drift skipped: \(referenceRows) reference and \(currentRows) current orders")
            return
        }
        let report = try DriftDetector(options: drift).dataset(reference: reference, current: current)
        let stored = try await store.saveDriftReport(DriftReportRecord(
            shopID: shopID, kind: kind.name, version: champion.version, createdAt: now,
            referenceFrom: Self.day(referenceWindow.from, timeZone), referenceTo: Self.day(referenceWindow.to.addingTimeInterval(-1), timeZone),
            currentFrom: Self.day(currentFrom, timeZone), currentTo: Self.day(now.addingTimeInterval(-1), timeZone),
            referenceRows: report.referenceRows, currentRows: report.currentRows, columnCount: report.columns.count,
            driftedColumns: report.driftedCount, datasetDrift: report.datasetDrift, columnsJSON: try DriftColumnsCodec.encode(report.columns)))
        result.driftReportID = stored.id
        result.datasetDrift = report.datasetDrift
        result.driftShare = report.share
        Gauge(label: "storewise_drift_share", dimensions: [("shop", "\(shopID)"), ("kind", kind.name)]).record(report.share)
        guard report.datasetDrift else { return }
        try await alert(Self.driftAlert(report, version: champion, at: now), into: &result)
    }

    /// Prediction drift: the champion's outputs against those of the newest ready version newer
    /// than it (a candidate waiting as challenger). Saved as a report of the champion whose
    /// columns are named "prediction:…"; skipped when there is no newer version or no columns.
    func predictionDrift(kind: any ModelKind, champion: ModelVersion, timeZone: String, now: Date,
                         into result: inout MonitorSummary.KindResult) async throws {
        let shopID = champion.shopID
        let newer = try await store.modelVersions(shopID: shopID, kind: kind.name, limit: 20)
            .first { $0.version > champion.version && $0.status == .ready }
        guard let newer else { return }
        let reference = try await kind.predictionColumns(shopID: shopID, version: champion)
        let current = try await kind.predictionColumns(shopID: shopID, version: newer)
        let names = Set(current.map(\.name))
        let shared = reference.filter { names.contains($0.name) && $0.count > 0 }
        let matching = shared.compactMap { column in current.first { $0.name == column.name && $0.count > 0 } }
        guard !shared.isEmpty, shared.count == matching.count else {
            result.notes.append("prediction drift skipped: no prediction columns for \(champion.label) and \(newer.label)")
            return
        }
        var report = try DriftDetector(options: drift).dataset(reference: shared, current: matching)
        for i in report.columns.indices { report.columns[i].name = DriftColumnsCodec.predictionPrefix + report.columns[i].name }
        let championDay = champion.draft.data.asOfDay ?? Self.day(champion.createdAt, timeZone)
        let newerDay = newer.draft.data.asOfDay ?? Self.day(newer.createdAt, timeZone)
        let stored = try await store.saveDriftReport(DriftReportRecord(
            shopID: shopID, kind: kind.name, version: champion.version, createdAt: now,
            referenceFrom: championDay, referenceTo: championDay, currentFrom: newerDay, currentTo: newerDay,
            referenceRows: report.referenceRows, currentRows: report.currentRows, columnCount: report.columns.count,
            driftedColumns: report.driftedCount, datasetDrift: report.datasetDrift, columnsJSON: try DriftColumnsCodec.encode(report.columns)))
        result.predictionReportID = stored.id
        result.predictionDrift = report.datasetDrift
    }

    /// "dataset drift on forecast@v3: 4 of 7 columns drifted — order_total (ks p=0.0012, PSI 0.31), …".
    static func driftAlert(_ report: DatasetDriftReport, version: ModelVersion, at: Date) -> ModelAlert {
        let drifted = report.columns.filter(\.drifted)
        let described = drifted.map { column in
            // p-values far below the threshold read as "p<0.0001" rather than rounding to 0.
            let statistic = column.method.isPValue
                ? (column.statistic < 0.0001 ? "p<0.0001" : "p=\(PromotionPolicy.format(column.statistic, digits: 4))")
                : "distance=\(PromotionPolicy.format(column.statistic, digits: 3))"
            return "\(column.name) (\(column.method.rawValue) \(statistic), PSI \(PromotionPolicy.format(column.psi, digits: 2)))"
        }
        var details: [String: Double] = [
            "drift_share": report.share, "drifted_columns": Double(report.driftedCount), "columns": Double(report.columns.count),
            "reference_rows": Double(report.referenceRows), "current_rows": Double(report.currentRows),
        ]
        for column in drifted {
            // Prefixed, so a column named like a summary key cannot overwrite it.
            details["statistic:" + column.name] = column.statistic
            details["psi:" + column.name] = column.psi
        }
        return ModelAlert(
            shopID: version.shopID, kind: version.kind, version: version.version, type: "drift", severity: "warning",
            message: "dataset drift on \(version.label): \(report.driftedCount) of \(report.columns.count) columns drifted — "
                + described.joined(separator: ", "),
            details: details, createdAt: at)
    }

    /// The shop-local day "YYYY-MM-DD" of an instant.
    static func day(_ date: Date, _ timeZone: String) -> String {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(zone.secondsFromGMT(for: date))
        return CivilDate(dayNumber: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)).description
    }
}
