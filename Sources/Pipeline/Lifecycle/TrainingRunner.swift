import Commerce
import Foundation
import Logging
import Monitoring
import Storage

/// Runs "train" jobs: trains a candidate of the job's kind, registers it with its data identity
/// and drift reference, then promotes it (no champion, or clearly better by the policy) or makes
/// it the challenger with a proposal for a person.
///
/// Idempotent per job id: a re-run after the worker died finds the version the job already
/// registered and only finishes the promotion decision.
public struct TrainingRunner: JobHandler {
    public static let jobType = "train"
    public var type: String { Self.jobType }

    let store: any LifecycleStore
    let kinds: ModelKinds
    let options: LifecycleOptions
    let logger: Logger
    /// Whether a large training of a ``ShardableKind`` is split into "train-shard" jobs
    /// (`options.shardSeries`); only where workers also run ``TrainingShardRunner`` and
    /// ``TrainingMergeRunner`` and the store is a `TrainingShardStore`.
    let sharding: Bool

    public init(store: any LifecycleStore, kinds: ModelKinds, options: LifecycleOptions, sharding: Bool = false,
                logger: Logger = Logger(label: "storewise.training")) {
        self.store = store; self.kinds = kinds; self.options = options; self.sharding = sharding; self.logger = logger
    }

    /// What a finished training job returns (its `result` JSON).
    public struct Outcome: Sendable, Hashable, Codable {
        public var version: Int
        /// "promoted" or "proposed".
        public var decision: String
        public var reason: String

        public init(version: Int, decision: String, reason: String) {
            self.version = version; self.decision = decision; self.reason = reason
        }
    }

    public func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String {
        if sharding, let split = try await splitIntoShards(job) { return split }
        let outcome = try await train(job, heartbeat: heartbeat)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(outcome), as: UTF8.self)
    }

    /// The job's work, returning the outcome rather than its JSON.
    public func train(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void = {}, at now: Date = Date()) async throws -> Outcome {
        let payload: TrainingPayload
        let kind: any ModelKind
        do {
            payload = try TrainingPayload.decode(job.draft.payload)
            kind = try kinds.require(payload.kind)
        } catch {
            throw JobFailure("\(error)", permanent: true)
        }
        guard let shopID = job.draft.shopID else { throw JobFailure("a training job needs a shop", permanent: true) }
        var log = logger
        log[metadataKey: "shop_id"] = "\(shopID)"; log[metadataKey: "kind"] = "\(kind.name)"; log[metadataKey: "job_id"] = "\(job.id)"

        let version: ModelVersion
        if let existing = try await store.modelVersions(shopID: shopID, kind: kind.name, limit: 50).first(where: { $0.draft.jobID == job.id }) {
            log.info("version already registered by this job; finishing its promotion decision", metadata: ["version": "\(existing.version)"])
            version = existing
        } else {
            version = try await trainAndRegister(job, shopID: shopID, kind: kind, payload: payload, heartbeat: heartbeat, log: log, now: now)
        }
        return try await decide(version, kind: kind, log: log, at: now)
    }

    /// Identity, training, reference sample, registration.
    func trainAndRegister(_ job: JobRecord, shopID: Int64, kind: any ModelKind, payload: TrainingPayload,
                          heartbeat: @escaping @Sendable () async -> Void, log: Logger, now: Date) async throws -> ModelVersion {
        guard let shop = try await store.shop(id: shopID) else { throw JobFailure("no shop with id \(shopID)", permanent: true) }
        // Identity before training: the version saw at most these events.
        let range = try await store.eventRange(shopID: shopID)
        let digest = try await store.projectionDigest(shopID: shopID, tables: kind.projectionTables)
        let catalog = try await store.catalogSnapshot(shopID: shopID)
        let parameters = mergedParameters(kind, payload)
        log.info("training started", metadata: [
            "trigger": "\(payload.trigger)", "events": "\(range.count)", "projection_digest": "\(digest.prefix(12))",
        ])
        let started = ContinuousClock.now
        // Keep the lease while the kind trains (a third of the lease between beats).
        let beats = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(max(1, options.leaseSeconds / 3)))
                if Task.isCancelled { break }
                await heartbeat()
            }
        }
        defer { beats.cancel() }
        let progressLog = log
        let trained = try await kind.train(shopID: shopID, parameters: parameters) { step in
            progressLog.debug("training progress", metadata: ["step": "\(step)"])
        }
        beats.cancel()
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return try await register(trained, seconds: seconds, jobID: job.id, requestedBy: job.draft.requestedBy, trigger: payload.trigger,
                                  shop: shop, kind: kind, parameters: parameters, identity: (range, digest, catalog), log: log, now: now)
    }

    /// The kind's parameters with the job's requested ones applied.
    func mergedParameters(_ kind: any ModelKind, _ payload: TrainingPayload) -> [String: String] {
        kind.parameters.merging(payload.parameters ?? [:]) { _, requested in requested }
    }

    /// Registers a trained candidate as the version of training job `jobID` (one version per
    /// job: a sharded training registers under its parent "train" job), with its data identity
    /// and drift reference.
    func register(_ trained: TrainedModel, seconds: Double, jobID: Int64, requestedBy: String, trigger: String, shop: ShopRecord,
                  kind: any ModelKind, parameters: [String: String], identity: (range: EventRange, digest: String, catalog: [CatalogEntry]),
                  log: Logger, now: Date) async throws -> ModelVersion {
        let shopID = shop.id, range = identity.range, digest = identity.digest, catalog = identity.catalog
        log.info("training finished", metadata: [
            "artifact": "\(trained.artifactURI)", "seconds": "\(PromotionPolicy.format(seconds, digits: 2))",
            "metrics": "\(trained.holdoutMetrics.sorted { $0.key < $1.key }.map { "\($0.key)=\(PromotionPolicy.format($0.value))" }.joined(separator: " "))",
        ])

        let window = Self.referenceWindow(asOfDay: trained.asOfDay, timeZone: shop.shop.timeZone, days: options.referenceWindowDays, now: now)
        let reference = try await OrderFeatures.sample(store, shopID: shopID, from: window.from, to: window.to)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var summary = trained.summary
        summary["training_seconds"] = seconds
        summary["reference_rows"] = Double(reference.first?.count ?? 0)
        let draft = ModelVersionDraft(
            shopID: shopID, kind: kind.name, createdBy: requestedBy, trigger: trigger, jobID: jobID,
            parameters: parameters,
            data: TrainingDataIdentity(firstEventID: range.firstEventID, lastEventID: range.lastEventID, eventCount: range.count,
                                       projectionDigest: digest, asOfDay: trained.asOfDay),
            holdoutMetrics: trained.holdoutMetrics, primaryMetric: kind.primaryMetric, higherIsBetter: kind.higherIsBetter,
            artifactURI: trained.artifactURI, artifactDigest: trained.artifactDigest, summary: summary, catalog: catalog,
            reference: try encoder.encode(reference))
        let version = try await store.registerModelVersion(draft, at: now)
        log.info("version registered", metadata: ["version": "\(version.version)", "label": "\(version.label)"])
        return version
    }

    /// Promotes or proposes `version`; a decision already taken (it is champion or challenger,
    /// or has a proposal) is reported, not repeated.
    func decide(_ version: ModelVersion, kind: any ModelKind, log: Logger, at now: Date) async throws -> Outcome {
        let shopID = version.shopID
        let lifecycle = ModelLifecycle(store: store, kinds: kinds, options: options, logger: logger)
        let aliases = try await lifecycle.aliasVersions(shopID: shopID, kind: kind.name)
        if aliases[ModelAlias.champion] == version.version {
            return Outcome(version: version.version, decision: "promoted", reason: "already champion")
        }
        if let filed = try await store.promotionProposals(shopID: shopID, status: nil, limit: 50)
            .first(where: { $0.kind == kind.name && $0.version == version.version }) {
            return Outcome(version: version.version, decision: "proposed", reason: filed.reason)
        }
        let name = "\(kind.name) v\(version.version)"
        guard let championVersion = aliases[ModelAlias.champion],
              let champion = try await store.modelVersion(shopID: shopID, kind: kind.name, version: championVersion) else {
            let reason = "\(name): first version"
            _ = try await lifecycle.promote(shopID: shopID, kind: kind.name, version: version.version, actor: "scheduler",
                                        action: "auto-promote", reason: reason, at: now)
            log.info("candidate promoted", metadata: ["version": "\(version.version)", "reason": "\(reason)"])
            return Outcome(version: version.version, decision: "promoted", reason: reason)
        }
        let metric = kind.primaryMetric
        let candidateValue = version.draft.holdoutMetrics[metric]
        let championValue = champion.draft.holdoutMetrics[metric]
        let policy = PromotionPolicy(margin: options.promotionMargin)
        let decision = policy.decide(candidate: candidateValue, champion: championValue, higherIsBetter: kind.higherIsBetter)
        let numbers = "\(metric) \(candidateValue.map { PromotionPolicy.format($0) } ?? "none") vs champion v\(championVersion) "
            + "\(championValue.map { PromotionPolicy.format($0) } ?? "none")"
        let margin = PromotionPolicy.format(options.promotionMargin * 100, digits: 1) + " %"
        switch decision {
        case .promote:
            let reason = "\(name): \(numbers), better by at least \(margin)"
            _ = try await lifecycle.promote(shopID: shopID, kind: kind.name, version: version.version, actor: "scheduler",
                                        action: "auto-promote", reason: reason, at: now)
            log.info("candidate promoted", metadata: ["version": "\(version.version)", "reason": "\(reason)"])
            return Outcome(version: version.version, decision: "promoted", reason: reason)
        case .propose(let why):
            let reason = candidateValue == nil || championValue == nil
                ? "\(name): \(why); waiting for a person"
                : "\(name): \(numbers) — not better by \(margin); waiting for a person"
            try await lifecycle.moveAliases(shopID: shopID, kind: kind.name, [AliasChange(alias: ModelAlias.challenger, version: version.version)],
                                        actor: "scheduler", action: "challenger", reason: reason, at: now)
            _ = try await store.createPromotionProposal(PromotionProposal(
                shopID: shopID, kind: kind.name, version: version.version, championVersion: championVersion, metric: metric,
                candidateValue: candidateValue, championValue: championValue, reason: reason, createdAt: now))
            log.info("candidate proposed", metadata: ["version": "\(version.version)", "reason": "\(reason)"])
            return Outcome(version: version.version, decision: "proposed", reason: reason)
        }
    }

    /// `[from, to)`: the `days` shop-local days through the as-of day (or through today).
    static func referenceWindow(asOfDay: String?, timeZone: String, days: Int, now: Date) -> (from: Date, to: Date) {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        let endDay: CivilDate
        if let text = asOfDay, let day = CivilDate(text) {
            endDay = day.adding(days: 1)
        } else {
            let local = Int64(now.timeIntervalSince1970.rounded(.down)) + Int64(zone.secondsFromGMT(for: now))
            endDay = CivilDate(dayNumber: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)).adding(days: 1)
        }
        func start(of day: CivilDate) -> Date {
            let utc = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400)
            return utc.addingTimeInterval(-Double(zone.secondsFromGMT(for: utc)))
        }
        return (start(of: endDay.adding(days: -days)), start(of: endDay))
    }
}
