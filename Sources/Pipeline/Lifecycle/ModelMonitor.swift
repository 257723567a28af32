import Commerce
import Foundation
import Logging
import Monitoring
import Storage

/// Watches each shop's champions after release: feature drift of the orders since training,
/// prediction drift against a newer candidate, and live accuracy as actuals arrive, raising
/// "drift" and "live-accuracy" alerts. Runs as the "monitor" job (payload `{"shop_id": 1}`),
/// which the ``LifecycleScheduler`` queues every `monitorIntervalSeconds` per shop.
///
/// Drift follows Evidently's defaults through Monitoring's `DriftDetector`: the champion's
/// reference sample (the `referenceWindowDays` before its as-of day, stored with the version)
/// against the last `currentWindowDays` of orders; dataset drift when half the columns drift.
///
/// ```swift
/// let monitor = ModelMonitor(store: store, kinds: kinds, options: options)
/// let summary = try await monitor.check(shopID: 1, now: .now)
/// ```
public struct ModelMonitor: JobHandler {
    public static let jobType = "monitor"
    public var type: String { Self.jobType }

    let store: any LifecycleStore
    let kinds: ModelKinds
    let options: LifecycleOptions
    let drift: DriftOptions
    let notifier: AlertNotifier?
    let clock: @Sendable () -> Date
    let logger: Logger

    /// - Parameter clock: the "now" of a job run (tests and the demo pin it to simulated time).
    public init(store: any LifecycleStore, kinds: ModelKinds, options: LifecycleOptions, drift: DriftOptions = .init(),
                notifier: AlertNotifier? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "storewise.monitor")) {
        self.store = store; self.kinds = kinds; self.options = options; self.drift = drift; self.notifier = notifier
        self.clock = clock; self.logger = logger
    }

    /// The job's payload: the shop to check.
    public struct Payload: Sendable, Hashable, Codable {
        public var shopID: Int64
        public init(shopID: Int64) { self.shopID = shopID }
        enum CodingKeys: String, CodingKey { case shopID = "shop_id" }

        public func json() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }
    }

    public func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String {
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: Data(job.draft.payload.utf8))
        } catch {
            throw JobFailure("monitor job \(job.id): payload needs {\"shop_id\": <id>}: \(error)", permanent: true)
        }
        let summary = try await check(shopID: payload.shopID, now: clock(), heartbeat: heartbeat)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    /// Checks every kind with a champion: feature drift, prediction drift, live accuracy and
    /// their alerts. A step that fails is logged and noted in the summary; the others still run.
    public func check(shopID: Int64, now: Date, heartbeat: @escaping @Sendable () async -> Void = {}) async throws -> MonitorSummary {
        guard let shop = try await store.shop(id: shopID) else {
            throw JobFailure("no shop with id \(shopID)", permanent: true)
        }
        var summary = MonitorSummary(shopID: shopID, checkedAt: now, kinds: [])
        for kind in kinds.all {
            guard let champion = try await store.resolveAlias(shopID: shopID, kind: kind.name, alias: ModelAlias.champion) else { continue }
            var result = MonitorSummary.KindResult(kind: kind.name, version: champion.version)
            let meta: Logger.Metadata = ["shop": "\(shopID)", "kind": "\(kind.name)", "version": "\(champion.version)"]
            await step("feature drift", meta, &result) { r in
                try await featureDrift(kind: kind, champion: champion, timeZone: shop.shop.timeZone, now: now, into: &r)
            }
            await heartbeat()
            await step("prediction drift", meta, &result) { r in
                try await predictionDrift(kind: kind, champion: champion, timeZone: shop.shop.timeZone, now: now, into: &r)
            }
            await heartbeat()
            await step("live accuracy", meta, &result) { r in
                try await liveAccuracy(kind: kind, champion: champion, now: now, into: &r)
            }
            await heartbeat()
            summary.kinds.append(result)
        }
        logger.info("monitor pass", metadata: [
            "shop": "\(shopID)", "kinds": "\(summary.kinds.count)",
            "alerts": "\(summary.kinds.flatMap(\.alerts).joined(separator: ","))",
        ])
        return summary
    }

    private func step(_ name: String, _ meta: Logger.Metadata, _ result: inout MonitorSummary.KindResult,
                      _ body: (inout MonitorSummary.KindResult) async throws -> Void) async {
        do {
            try await body(&result)
        } catch {
            result.notes.append("\(name) failed: \(error)")
            logger.warning("monitor step failed", metadata: meta.merging(["step": "\(name)", "error": "\(String(reflecting: error))"]) { $1 })
        }
    }

    /// Stores and sends an alert (see `AlertNotifier.raise`), recording its type in the summary.
    func alert(_ alert: ModelAlert, into result: inout MonitorSummary.KindResult) async throws {
        if try await AlertNotifier.raise(alert, store: store, notifier: notifier, logger: logger) != nil {
            result.alerts.append(alert.type)
        }
    }
}

/// What one monitor pass found, per kind (the monitor job's result).
public struct MonitorSummary: Sendable, Hashable, Codable {
    public var shopID: Int64
    public var checkedAt: Date
    public var kinds: [KindResult]

    public struct KindResult: Sendable, Hashable, Codable {
        public var kind: String
        /// The champion checked.
        public var version: Int
        public var driftReportID: Int64?
        public var datasetDrift: Bool?
        public var driftShare: Double?
        public var predictionReportID: Int64?
        public var predictionDrift: Bool?
        public var liveAccuracyID: Int64?
        public var liveMetrics: [String: Double]?
        /// Alert types raised in this pass (repeats of open alerts are not raised again).
        public var alerts: [String] = []
        /// Steps skipped or failed, and why.
        public var notes: [String] = []

        public init(kind: String, version: Int) {
            self.kind = kind; self.version = version
        }
    }

    public init(shopID: Int64, checkedAt: Date, kinds: [KindResult]) {
        self.shopID = shopID; self.checkedAt = checkedAt; self.kinds = kinds
    }
}
