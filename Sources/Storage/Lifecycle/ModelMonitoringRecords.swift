import Foundation

/// A stored drift check of one model version: reference (its training window) against a
/// current window. `columnsJSON` holds the per-column results (Monitoring's `ColumnDrift`
/// values, encoded by the pipeline) so the dashboard can chart them.
public struct DriftReportRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var shopID: Int64
    public var kind: String
    public var version: Int
    public var createdAt: Date
    /// The windows compared ("YYYY-MM-DD" … "YYYY-MM-DD", inclusive).
    public var referenceFrom: String
    public var referenceTo: String
    public var currentFrom: String
    public var currentTo: String
    public var referenceRows: Int
    public var currentRows: Int
    public var columnCount: Int
    public var driftedColumns: Int
    /// Dataset drift: at least half the columns drifted (Evidently's `drift_share` 0.5).
    public var datasetDrift: Bool
    public var columnsJSON: String

    public init(id: Int64 = 0, shopID: Int64, kind: String, version: Int, createdAt: Date, referenceFrom: String, referenceTo: String,
                currentFrom: String, currentTo: String, referenceRows: Int, currentRows: Int, columnCount: Int, driftedColumns: Int,
                datasetDrift: Bool, columnsJSON: String) {
        self.id = id; self.shopID = shopID; self.kind = kind; self.version = version; self.createdAt = createdAt
        self.referenceFrom = referenceFrom; self.referenceTo = referenceTo; self.currentFrom = currentFrom; self.currentTo = currentTo
        self.referenceRows = referenceRows; self.currentRows = currentRows; self.columnCount = columnCount
        self.driftedColumns = driftedColumns; self.datasetDrift = datasetDrift; self.columnsJSON = columnsJSON
    }
}

/// Live accuracy of one version as actuals arrived, measured at `measuredAt` over the days
/// `fromDay`…`throughDay` after its training.
public struct LiveAccuracyRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var shopID: Int64
    public var kind: String
    public var version: Int
    public var measuredAt: Date
    public var fromDay: String
    public var throughDay: String
    /// Series (or subjects) and days with actuals that entered the figures.
    public var series: Int
    public var days: Int
    /// Live metrics by name (`mase`, `rmsse`, `bias`) and the holdout value of the primary
    /// metric the version was promoted on.
    public var metrics: [String: Double]
    public var holdoutValue: Double?

    public init(id: Int64 = 0, shopID: Int64, kind: String, version: Int, measuredAt: Date, fromDay: String, throughDay: String,
                series: Int, days: Int, metrics: [String: Double], holdoutValue: Double?) {
        self.id = id; self.shopID = shopID; self.kind = kind; self.version = version; self.measuredAt = measuredAt
        self.fromDay = fromDay; self.throughDay = throughDay; self.series = series; self.days = days; self.metrics = metrics
        self.holdoutValue = holdoutValue
    }
}

/// A monitoring alert: dataset drift, live error worse than holdout, a dead job, …
public struct ModelAlert: Sendable, Hashable, Codable {
    public var id: Int64
    public var shopID: Int64
    public var kind: String
    public var version: Int?
    /// "drift", "live-accuracy", "dead-job".
    public var type: String
    /// "warning" or "critical".
    public var severity: String
    public var message: String
    public var details: [String: Double]
    public var createdAt: Date
    public var resolvedAt: Date?
    public var resolvedBy: String?
    /// Whether the outgoing webhook accepted it.
    public var notified: Bool

    public init(id: Int64 = 0, shopID: Int64, kind: String, version: Int?, type: String, severity: String, message: String,
                details: [String: Double] = [:], createdAt: Date, resolvedAt: Date? = nil, resolvedBy: String? = nil, notified: Bool = false) {
        self.id = id; self.shopID = shopID; self.kind = kind; self.version = version; self.type = type; self.severity = severity
        self.message = message; self.details = details; self.createdAt = createdAt; self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy; self.notified = notified
    }
}

/// Drift reports, live accuracy and alerts.
public protocol ModelMonitoringStore: Sendable {
    func saveDriftReport(_ report: DriftReportRecord) async throws -> DriftReportRecord
    /// Newest first, of one kind when given.
    func driftReports(shopID: Int64, kind: String?, limit: Int) async throws -> [DriftReportRecord]
    func driftReport(shopID: Int64, id: Int64) async throws -> DriftReportRecord?
    func saveLiveAccuracy(_ record: LiveAccuracyRecord) async throws -> LiveAccuracyRecord
    /// Oldest first (for charts), of one kind and version when given.
    func liveAccuracy(shopID: Int64, kind: String, version: Int?, limit: Int) async throws -> [LiveAccuracyRecord]
    /// Stores an alert unless an open (unresolved) alert of the same shop, kind, version and
    /// type exists; returns the stored alert, or nil when it was a repeat.
    func raiseAlert(_ alert: ModelAlert) async throws -> ModelAlert?
    /// Open alerts first, newest first; `openOnly` leaves resolved ones out. Nil shop: all shops.
    func modelAlerts(shopID: Int64?, openOnly: Bool, limit: Int) async throws -> [ModelAlert]
    func resolveAlert(shopID: Int64, id: Int64, by: String, at: Date) async throws -> Bool
    func markAlertNotified(id: Int64) async throws
    /// Open alerts per shop and kind (for `/metrics`).
    func openAlertCounts() async throws -> [OpenAlertCount]
}

/// Open alerts of one shop × kind × type.
public struct OpenAlertCount: Sendable, Hashable, Codable {
    public var shopID: Int64
    public var kind: String
    public var type: String
    public var count: Int

    public init(shopID: Int64, kind: String, type: String, count: Int) {
        self.shopID = shopID; self.kind = kind; self.type = type; self.count = count
    }
}
