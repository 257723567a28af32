import Foundation
import Storage

/// Why the scheduler asks for a new version of a shop's model kind, or nil when the current
/// one is still fresh.
///
/// Precedence when several hold: "initial" (nothing trained yet), then the events that made the
/// model stale — "catalog-change", then "drift" — and "schedule" last, so the trigger a merchant
/// reads in the history names the event rather than the calendar that happened to be due too.
public struct RetrainDecision: Sendable, Hashable {
    /// "initial", "catalog-change", "drift" or "schedule" (the `ModelVersionDraft.trigger`).
    public var trigger: String
    /// A sentence for logs and the history: "catalog changed by 5.1 % (51 of 1000 variants) since forecast@v3".
    public var reason: String

    public init(trigger: String, reason: String) {
        self.trigger = trigger; self.reason = reason
    }

    /// The newest drift report the decision looks at: when it was made, of which version, and its verdict.
    public struct DriftSignal: Sendable, Hashable {
        public var createdAt: Date
        public var version: Int
        public var datasetDrift: Bool
        public var driftedColumns: Int
        public var columnCount: Int

        public init(createdAt: Date, version: Int, datasetDrift: Bool, driftedColumns: Int = 0, columnCount: Int = 0) {
            self.createdAt = createdAt; self.version = version; self.datasetDrift = datasetDrift
            self.driftedColumns = driftedColumns; self.columnCount = columnCount
        }

        public init(_ report: DriftReportRecord) {
            self.init(createdAt: report.createdAt, version: report.version, datasetDrift: report.datasetDrift,
                      driftedColumns: report.driftedColumns, columnCount: report.columnCount)
        }
    }

    /// Decides whether to retrain.
    /// - Parameters:
    ///   - latest: the newest registered version of the kind (with its catalog), nil when none.
    ///   - champion: the version the champion alias points at (drift is only acted on for it).
    ///   - catalog: the shop's catalog now.
    ///   - drift: the newest feature-drift report of the kind.
    ///   - cadenceDays: retrain when the latest version is at least this old.
    ///   - catalogChangeThreshold: retrain when the catalog changed by strictly more than this share.
    public static func decide(
        latest: ModelVersion?, champion: Int?, catalog: [CatalogEntry], drift: DriftSignal?, now: Date,
        cadenceDays: Double, catalogChangeThreshold: Double
    ) -> RetrainDecision? {
        guard let latest else {
            return RetrainDecision(trigger: "initial", reason: "no version trained yet")
        }
        let change = CatalogChange(previous: latest.draft.catalog, current: catalog)
        if change.exceeds(catalogChangeThreshold) {
            let changed = change.added + change.removed + change.repriced
            return RetrainDecision(
                trigger: "catalog-change",
                reason: "catalog changed by \(percent(change.share)) (\(changed) of \(change.previousCount) variants: "
                    + "\(change.added) added, \(change.removed) removed, \(change.repriced) repriced) since \(latest.label)")
        }
        // Drift of the champion counts only when it was measured after the newest version was
        // registered and the champion is that newest version: a version trained since then
        // already saw the shifted data, and while it waits as challenger for a person, retraining
        // every monitor pass would only pile up proposals.
        if let drift, drift.datasetDrift, drift.version == champion, champion == latest.version, drift.createdAt > latest.createdAt {
            return RetrainDecision(
                trigger: "drift",
                reason: "dataset drift on \(latest.draft.kind)@v\(drift.version): \(drift.driftedColumns) of \(drift.columnCount) columns drifted")
        }
        let due = latest.createdAt.addingTimeInterval(cadenceDays * 86_400)
        if due <= now {
            return RetrainDecision(trigger: "schedule", reason: "\(latest.label) is older than the \(formatDays(cadenceDays))-day cadence")
        }
        return nil
    }

    /// "5.1 %": one decimal, without `String(format:)`.
    static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded()
        return "\(Int(tenths) / 10).\(abs(Int(tenths)) % 10) %"
    }

    static func formatDays(_ days: Double) -> String {
        days == days.rounded() ? "\(Int(days))" : "\(days)"
    }
}
