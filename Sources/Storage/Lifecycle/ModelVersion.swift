import Foundation

/// What a model version was trained on: the event-log range it could see and a digest of the
/// projection rows it read, so a version can be traced to its data and a retrain on unchanged
/// data recognised.
public struct TrainingDataIdentity: Sendable, Hashable, Codable {
    /// The shop's first and last event ids (0 when the log is empty) and the event count at training.
    public var firstEventID: Int64
    public var lastEventID: Int64
    public var eventCount: Int
    /// Hex SHA-256 of the projection rows the kind read (`LifecycleInputs.projectionDigest`).
    public var projectionDigest: String
    /// The last day of data the version saw ("YYYY-MM-DD", shop-local), when the kind has one.
    public var asOfDay: String?

    public init(firstEventID: Int64, lastEventID: Int64, eventCount: Int, projectionDigest: String, asOfDay: String? = nil) {
        self.firstEventID = firstEventID; self.lastEventID = lastEventID; self.eventCount = eventCount
        self.projectionDigest = projectionDigest; self.asOfDay = asOfDay
    }
}

/// The state of a registered version. Versions are immutable except for their status.
public enum ModelVersionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Trained, evaluated and servable.
    case ready
    /// Training or evaluation failed; kept for the record, never served.
    case failed
    /// Retired by a person; never served again, its artifact may be deleted.
    case archived
}

/// Everything a training job hands the registry; the store assigns `id` and `version`.
public struct ModelVersionDraft: Sendable, Hashable, Codable {
    public var shopID: Int64
    /// Model kind: "forecast", "customer-value", "recommendations", "replenishment", "risk".
    public var kind: String
    /// Who or what created it: "scheduler", "cli:<user>", "api:<token id>", "demo".
    public var createdBy: String
    /// Why it was trained: "initial", "schedule", "catalog-change", "drift", "on-demand".
    public var trigger: String
    /// The job that trained it; registering the same job twice returns the first version
    /// (a retried or re-leased job never registers a second copy).
    public var jobID: Int64?
    public var parameters: [String: String]
    public var data: TrainingDataIdentity
    /// Holdout metrics by name (e.g. `mase`, `rmsse`, `bias`, `hr_at_10`).
    public var holdoutMetrics: [String: Double]
    /// The metric promotion compares, and its direction.
    public var primaryMetric: String
    public var higherIsBetter: Bool
    /// Where the trained artifact lives, e.g. `forecast-run:42`, and the hex SHA-256 of its content.
    public var artifactURI: String
    public var artifactDigest: String
    public var status: ModelVersionStatus
    /// Why it failed, or a short note.
    public var statusMessage: String?
    /// Training summary figures (series, customers, seconds, …).
    public var summary: [String: Double]
    /// The catalog as the version saw it (for the catalog-change trigger).
    public var catalog: [CatalogEntry]
    /// The drift reference sample (opaque to storage: JSON of the Monitoring columns).
    public var reference: Data?

    public init(
        shopID: Int64, kind: String, createdBy: String, trigger: String, jobID: Int64? = nil, parameters: [String: String],
        data: TrainingDataIdentity, holdoutMetrics: [String: Double], primaryMetric: String, higherIsBetter: Bool,
        artifactURI: String, artifactDigest: String, status: ModelVersionStatus = .ready, statusMessage: String? = nil,
        summary: [String: Double] = [:], catalog: [CatalogEntry] = [], reference: Data? = nil
    ) {
        self.shopID = shopID; self.kind = kind; self.createdBy = createdBy; self.trigger = trigger; self.jobID = jobID
        self.parameters = parameters; self.data = data; self.holdoutMetrics = holdoutMetrics; self.primaryMetric = primaryMetric
        self.higherIsBetter = higherIsBetter; self.artifactURI = artifactURI; self.artifactDigest = artifactDigest
        self.status = status; self.statusMessage = statusMessage; self.summary = summary; self.catalog = catalog
        self.reference = reference
    }
}

/// One registered, immutable model version of a shop's model kind.
///
/// `catalog` and `reference` are not loaded by listings (empty / nil there); `modelVersion(…)`
/// and `resolveAlias` load them.
public struct ModelVersion: Sendable, Hashable, Codable {
    /// Row id, unique across shops and kinds.
    public var id: Int64
    /// 1, 2, 3, … per shop × kind, in registration order.
    public var version: Int
    public var createdAt: Date
    public var draft: ModelVersionDraft

    public init(id: Int64, version: Int, createdAt: Date, draft: ModelVersionDraft) {
        self.id = id; self.version = version; self.createdAt = createdAt; self.draft = draft
    }

    public var shopID: Int64 { draft.shopID }
    public var kind: String { draft.kind }
    public var status: ModelVersionStatus { draft.status }
    /// The primary holdout metric's value, when it was measured.
    public var primaryValue: Double? { draft.holdoutMetrics[draft.primaryMetric] }
    /// `forecast@v3`: how logs and the dashboard name a version.
    public var label: String { "\(draft.kind)@v\(version)" }
}

/// A variant as a training saw it: enough to tell added, removed and repriced.
public struct CatalogEntry: Sendable, Hashable, Codable {
    public var variantID: Int64
    public var productID: Int64
    /// Price in minor units.
    public var priceMinor: Int64

    public init(variantID: Int64, productID: Int64, priceMinor: Int64) {
        self.variantID = variantID; self.productID = productID; self.priceMinor = priceMinor
    }
}
