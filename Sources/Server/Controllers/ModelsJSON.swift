import Foundation
import Storage

/// Response bodies of the models API (snake_case keys through `JSONResponse`).
enum ModelsJSON {
    /// One kind on `GET /api/v1/models`: where its aliases point, its newest version, rollout,
    /// open alerts and the proposal waiting for a person.
    struct KindSummary: Encodable, Sendable {
        var kind: String
        var title: String
        var primaryMetric: String
        var higherIsBetter: Bool
        var aliases: [AliasView]
        var newestVersion: VersionView?
        var rollout: RolloutView
        var openAlerts: Int
        var pendingProposal: ProposalView?
    }

    struct AliasView: Encodable, Sendable {
        var kind: String
        var name: String
        var version: Int
        var updatedAt: Date

        init(_ alias: ModelAlias) {
            kind = alias.kind; name = alias.name; version = alias.version; updatedAt = alias.updatedAt
        }
    }

    /// A registered version, with the aliases that point at it.
    struct VersionView: Encodable, Sendable {
        var kind: String
        var version: Int
        var label: String
        var createdAt: Date
        var createdBy: String
        var trigger: String
        var jobId: Int64?
        var status: String
        var statusMessage: String?
        var parameters: [String: String]
        var data: TrainingDataIdentity
        var holdoutMetrics: [String: Double]
        var primaryMetric: String
        var primaryValue: Double?
        var higherIsBetter: Bool
        var artifactUri: String
        var artifactDigest: String
        var summary: [String: Double]
        var catalogVariants: Int?
        var aliases: [String]

        init(_ version: ModelVersion, aliases: [String], full: Bool) {
            let draft = version.draft
            kind = draft.kind; self.version = version.version; label = version.label; createdAt = version.createdAt
            createdBy = draft.createdBy; trigger = draft.trigger; jobId = draft.jobID; status = draft.status.rawValue
            statusMessage = draft.statusMessage; parameters = draft.parameters; data = draft.data
            holdoutMetrics = draft.holdoutMetrics; primaryMetric = draft.primaryMetric; primaryValue = version.primaryValue
            higherIsBetter = draft.higherIsBetter; artifactUri = draft.artifactURI; artifactDigest = draft.artifactDigest
            summary = draft.summary; catalogVariants = full ? draft.catalog.count : nil; self.aliases = aliases
        }
    }

    struct RolloutView: Encodable, Sendable {
        var kind: String
        var canaryPercent: Double
        var shadow: Bool
        var sampleRate: Double
        var updatedAt: Date

        init(_ setting: RolloutSetting) {
            kind = setting.kind; canaryPercent = setting.canaryPercent; shadow = setting.shadow; sampleRate = setting.sampleRate
            updatedAt = setting.updatedAt
        }
    }

    /// One row of the promotion history.
    struct MoveView: Encodable, Sendable {
        var id: Int64
        var kind: String
        var alias: String
        var fromVersion: Int?
        var toVersion: Int?
        var actor: String
        var action: String
        var reason: String
        var at: Date

        init(_ move: AliasMove) {
            id = move.id; kind = move.kind; alias = move.alias; fromVersion = move.fromVersion; toVersion = move.toVersion
            actor = move.actor; action = move.action; reason = move.reason; at = move.at
        }
    }

    struct ProposalView: Encodable, Sendable {
        var id: Int64
        var kind: String
        var version: Int
        var championVersion: Int?
        var metric: String
        var candidateValue: Double?
        var championValue: Double?
        var reason: String
        var status: String
        var createdAt: Date
        var decidedBy: String?
        var decidedAt: Date?
        var decisionNote: String?

        init(_ proposal: PromotionProposal) {
            id = proposal.id; kind = proposal.kind; version = proposal.version; championVersion = proposal.championVersion
            metric = proposal.metric; candidateValue = proposal.candidateValue; championValue = proposal.championValue
            reason = proposal.reason; status = proposal.status.rawValue; createdAt = proposal.createdAt
            decidedBy = proposal.decidedBy; decidedAt = proposal.decidedAt; decisionNote = proposal.decisionNote
        }
    }

    struct JobView: Encodable, Sendable {
        var id: Int64
        var type: String
        /// The job's arguments as JSON text.
        var payload: String
        var state: String
        var attempts: Int
        var maxAttempts: Int
        var requestedBy: String
        var runAfter: Date
        var lastError: String?
        var result: String?
        var createdAt: Date
        var updatedAt: Date
        var finishedAt: Date?

        init(_ job: JobRecord) {
            id = job.id; type = job.draft.type; payload = job.draft.payload; state = job.state.rawValue; attempts = job.attempts
            maxAttempts = job.draft.maxAttempts; requestedBy = job.draft.requestedBy; runAfter = job.runAfter
            lastError = job.lastError; result = job.result; createdAt = job.createdAt; updatedAt = job.updatedAt
            finishedAt = job.finishedAt
        }
    }

    /// A drift report; `columns` only on the single-report route.
    struct DriftView: Encodable, Sendable {
        var id: Int64
        var kind: String
        var version: Int
        var createdAt: Date
        var referenceFrom: String
        var referenceTo: String
        var currentFrom: String
        var currentTo: String
        var referenceRows: Int
        var currentRows: Int
        var columnCount: Int
        var driftedColumns: Int
        var datasetDrift: Bool
        var columns: [DriftColumn]?

        init(_ report: DriftReportRecord, columns: [DriftColumn]?) {
            id = report.id; kind = report.kind; version = report.version; createdAt = report.createdAt
            referenceFrom = report.referenceFrom; referenceTo = report.referenceTo; currentFrom = report.currentFrom
            currentTo = report.currentTo; referenceRows = report.referenceRows; currentRows = report.currentRows
            columnCount = report.columnCount; driftedColumns = report.driftedColumns; datasetDrift = report.datasetDrift
            self.columns = columns
        }
    }

    struct AccuracyView: Encodable, Sendable {
        var id: Int64
        var kind: String
        var version: Int
        var measuredAt: Date
        var fromDay: String
        var throughDay: String
        var series: Int
        var days: Int
        var metrics: [String: Double]
        var holdoutValue: Double?

        init(_ record: LiveAccuracyRecord) {
            id = record.id; kind = record.kind; version = record.version; measuredAt = record.measuredAt; fromDay = record.fromDay
            throughDay = record.throughDay; series = record.series; days = record.days; metrics = record.metrics
            holdoutValue = record.holdoutValue
        }
    }

    struct AlertView: Encodable, Sendable {
        var id: Int64
        var kind: String
        var version: Int?
        var type: String
        var severity: String
        var message: String
        var details: [String: Double]
        var createdAt: Date
        var resolvedAt: Date?
        var resolvedBy: String?
        var open: Bool

        init(_ alert: ModelAlert) {
            id = alert.id; kind = alert.kind; version = alert.version; type = alert.type; severity = alert.severity
            message = alert.message; details = alert.details; createdAt = alert.createdAt; resolvedAt = alert.resolvedAt
            resolvedBy = alert.resolvedBy; open = alert.resolvedAt == nil
        }
    }

    struct Items<Item: Encodable & Sendable>: Encodable, Sendable {
        var items: [Item]
    }

    /// What an alias-moving call did.
    struct Moves: Encodable, Sendable {
        var kind: String
        var moves: [MoveView]
        var aliases: [AliasView]
    }
}
