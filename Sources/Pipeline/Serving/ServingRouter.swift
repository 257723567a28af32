import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization

/// Routes each prediction of a shop's model kind to a registered version: resolves the
/// `champion` and `challenger` aliases, sends the canary share of subjects to the challenger
/// (sticky: a subject always lands on the same side, in every process), marks the challenger as
/// shadow when shadowing is on (computed and logged, never returned), and samples requests into
/// the prediction log.
///
/// Aliases and rollouts are cached in memory; the cache of a shop × kind is loaded on first use,
/// dropped by `invalidate` when this process moves an alias, and dropped for all when another
/// process moves one (the service polls the registry's newest alias move every `refreshInterval`,
/// 2 s: the staleness bound across `serve` replicas; every entry is also dropped after 60 s).
///
/// ```swift
/// if let decision = try await router.route(shopID: 1, kind: "forecast", subject: "11:77", requestID: id) {
///     let output = … the served version's prediction …
///     router.record(decision, version: decision.served, arm: decision.arm, output: json, latencyMicros: 120)
/// }
/// ```
public final class ServingRouter: Service, Sendable {
    /// The resolved state of one shop × kind.
    struct Entry: Sendable {
        var champion: ServedVersion?
        var challenger: ServedVersion?
        var rollout: RolloutSetting
        /// Salt of the sticky hash: shops and kinds split independently.
        var salt: UInt64
    }

    struct Key: Hashable, Sendable {
        var shopID: Int64
        var kind: String
    }

    let registry: any ModelRegistry
    let log: BatchedLog<PredictionLogEntry>?
    let refreshInterval: Duration
    let logger: Logger
    private let cache = Mutex<(entries: [Key: Entry], aliasMoveID: Int64, rollouts: [RolloutSetting], clearedAt: ContinuousClock.Instant)>(
        ([:], -1, [], .now))
    /// Longest a cache entry lives even when the newest alias move id did not change: on PostgreSQL a
    /// move can commit after a higher id of another shop is already visible, so the id alone can miss it.
    let maxEntryAge: Duration = .seconds(60)

    public init(registry: any ModelRegistry, log: BatchedLog<PredictionLogEntry>?, refreshInterval: Duration = .seconds(2),
                logger: Logger = Logger(label: "storewise.router")) {
        self.registry = registry; self.log = log; self.refreshInterval = refreshInterval; self.logger = logger
    }

    /// A prediction log writer for `store`: batched, entries kept `retentionDays` (0 keeps all).
    public static func predictionLog(store: any PredictionLogStore, retentionDays: Int = 90,
                                     logger: Logger = Logger(label: "storewise.router.log")) -> BatchedLog<PredictionLogEntry> {
        BatchedLog(name: "prediction log", retention: retentionDays > 0 ? .seconds(retentionDays * 86_400) : nil, logger: logger,
                   write: { try await store.appendPredictions($0) },
                   prune: { try await store.prunePredictions(before: $0) })
    }

    /// Where a prediction for `subject` (a customer id, a series key) goes; nil when the kind has
    /// no champion in this shop (the caller serves its unregistered default).
    public func route(shopID: Int64, kind: String, subject: String, requestID: String) async throws -> RoutingDecision? {
        let key = Key(shopID: shopID, kind: kind)
        let cached = cache.withLock { $0.entries[key] }
        let entry: Entry
        if let cached { entry = cached } else { entry = try await load(key) }
        return Self.decide(entry, shopID: shopID, kind: kind, subject: subject, requestID: requestID)
    }

    /// The pure decision: canary by the subject's sticky bucket, shadow when on, sampling by the
    /// request id's bucket.
    static func decide(_ entry: Entry, shopID: Int64, kind: String, subject: String, requestID: String) -> RoutingDecision? {
        guard let champion = entry.champion else { return nil }
        let rollout = entry.rollout
        var served = champion, arm = RoutingDecision.Arm.champion, shadow: ServedVersion?
        if let challenger = entry.challenger, challenger != champion {
            if rollout.canaryPercent > 0, StickyBucket.within(subject, salt: entry.salt, percent: rollout.canaryPercent) {
                served = challenger
                arm = .canary
            } else if rollout.shadow {
                shadow = challenger
            }
        }
        let sampled = rollout.sampleRate >= 1 || (rollout.sampleRate > 0 && StickyBucket.within(requestID, salt: ~entry.salt, percent: rollout.sampleRate * 100))
        return RoutingDecision(shopID: shopID, kind: kind, requestID: requestID, subject: subject, served: served, arm: arm,
                               champion: champion, shadow: shadow, sampled: sampled)
    }

    /// Logs one prediction of a routed request when the request was sampled: the served output
    /// with `arm` `decision.arm`, a shadow output with `.shadow`.
    public func record(_ decision: RoutingDecision, version: ServedVersion, arm: RoutingDecision.Arm, output: String, latencyMicros: Int,
                       at: Date = Date()) {
        guard decision.sampled, let log else { return }
        log.append(PredictionLogEntry(shopID: decision.shopID, kind: decision.kind, requestID: decision.requestID, version: version.version,
                                      arm: arm.rawValue, subject: decision.subject, output: output, latencyMicros: latencyMicros,
                                      at: Int64(at.timeIntervalSince1970)))
    }

    /// Drops the cached aliases and rollout of a shop × kind (after this process moved them).
    public func invalidate(shopID: Int64, kind: String) {
        _ = cache.withLock { $0.entries.removeValue(forKey: Key(shopID: shopID, kind: kind)) }
    }

    /// Polls the registry and drops the whole cache when any alias or rollout changed elsewhere.
    public func refresh() async {
        do {
            let moveID = try await registry.latestAliasMoveID()
            let rollouts = try await registry.rolloutSettings()
            let now = ContinuousClock.now
            cache.withLock { state in
                if state.aliasMoveID != moveID || state.rollouts != rollouts || now - state.clearedAt > maxEntryAge {
                    state.entries = [:]
                    state.aliasMoveID = moveID
                    state.rollouts = rollouts
                    state.clearedAt = now
                }
            }
        } catch {
            logger.warning("router refresh failed; serving cached aliases", metadata: ["error": "\(error)"])
        }
    }

    public func run() async throws {
        await PeriodicPasses.run(first: refreshInterval, every: refreshInterval) { await refresh() }
    }

    private func load(_ key: Key) async throws -> Entry {
        let champion = try await registry.resolveAlias(shopID: key.shopID, kind: key.kind, alias: ModelAlias.champion)
        let challenger = try await registry.resolveAlias(shopID: key.shopID, kind: key.kind, alias: ModelAlias.challenger)
        let rollout = try await registry.rolloutSetting(shopID: key.shopID, kind: key.kind)
        let entry = Entry(champion: champion.map(ServedVersion.init), challenger: challenger.map(ServedVersion.init), rollout: rollout,
                          salt: UInt64(bitPattern: key.shopID) &* 0x9e37_79b9_7f4a_7c15 ^ UInt64(StickyBucket.of(key.kind)))
        cache.withLock { $0.entries[key] = entry }
        return entry
    }
}
