import Foundation
import Logging
import Storage

/// Promotion, rollback, training requests and proposal decisions of a shop's model kinds.
///
/// Every alias change is one `moveAliases` call, so the registry applies champion, previous and
/// challenger together and records each move (who, why, from → to) in the promotion history.
///
/// ```swift
/// let lifecycle = ModelLifecycle(store: store, kinds: .standard(store: store, forecast: .init(), customers: .init(), recommendations: .init()))
/// try await lifecycle.promote(shopID: 1, kind: "forecast", version: 3, actor: "cli:ana", reason: "better in March")
/// try await lifecycle.rollback(shopID: 1, kind: "forecast", actor: "cli:ana", reason: "bad week")
/// ```
public struct ModelLifecycle: Sendable {
    let store: any LifecycleStore
    public let kinds: ModelKinds
    public let options: LifecycleOptions
    let logger: Logger

    public init(store: any LifecycleStore, kinds: ModelKinds, options: LifecycleOptions = .init(),
                logger: Logger = Logger(label: "storewise.lifecycle")) {
        self.store = store; self.kinds = kinds; self.options = options; self.logger = logger
    }

    /// Makes `version` the champion: the old champion becomes `previous`, a challenger that
    /// pointed at `version` is removed, and a pending proposal for it is approved.
    @discardableResult
    public func promote(shopID: Int64, kind: String, version: Int, actor: String, reason: String, at: Date = Date()) async throws -> [AliasMove] {
        try await promote(shopID: shopID, kind: kind, version: version, actor: actor, action: "promote", reason: reason, at: at)
    }

    /// `promote` with the history's action named ("promote", or "auto-promote" from the runner).
    func promote(shopID: Int64, kind: String, version: Int, actor: String, action: String, reason: String, at: Date) async throws -> [AliasMove] {
        _ = try kinds.require(kind)
        guard let target = try await store.modelVersion(shopID: shopID, kind: kind, version: version), target.status == .ready else {
            throw LifecycleError.unknownVersion(kind: kind, version: version)
        }
        let aliases = try await aliasVersions(shopID: shopID, kind: kind)
        var changes = [AliasChange(alias: ModelAlias.champion, version: version)]
        if let champion = aliases[ModelAlias.champion], champion != version {
            changes.append(AliasChange(alias: ModelAlias.previous, version: champion))
        }
        if aliases[ModelAlias.challenger] == version {
            changes.append(AliasChange(alias: ModelAlias.challenger, version: nil))
        }
        let moves = try await moveAliases(shopID: shopID, kind: kind, changes, actor: actor, action: action, reason: reason, at: at)
        for proposal in try await store.promotionProposals(shopID: shopID, status: .pending, limit: 100)
        where proposal.kind == kind && proposal.version == version {
            _ = try await store.decidePromotionProposal(shopID: shopID, id: proposal.id, status: .approved, by: actor, note: reason, at: at)
        }
        logger.info("model promoted", metadata: [
            "shop_id": "\(shopID)", "kind": "\(kind)", "version": "\(version)", "actor": "\(actor)", "action": "\(action)",
            "from": "\(aliases[ModelAlias.champion].map(String.init) ?? "none")", "reason": "\(reason)",
        ])
        return moves
    }

    /// Points the champion back at `previous`; `previous` moves to the version that held the
    /// champion before that one (from the promotion history), or is removed when there was none.
    @discardableResult
    public func rollback(shopID: Int64, kind: String, actor: String, reason: String, at: Date = Date()) async throws -> [AliasMove] {
        _ = try kinds.require(kind)
        let aliases = try await aliasVersions(shopID: shopID, kind: kind)
        guard let previous = aliases[ModelAlias.previous] else { throw LifecycleError.noPrevious(kind: kind) }
        let champion = aliases[ModelAlias.champion]
        // The newest forward move of the champion onto `previous` says what it replaced. Rollback
        // rows are skipped: they moved the champion back from a newer version, not from an older one.
        let history = try await store.aliasHistory(shopID: shopID, kind: kind, alias: ModelAlias.champion, limit: 1000)
        let before = history.first {
            $0.toVersion == previous && $0.action != "rollback" && $0.fromVersion != champion
        }?.fromVersion
        let moves = try await moveAliases(shopID: shopID, kind: kind, [
            AliasChange(alias: ModelAlias.champion, version: previous),
            AliasChange(alias: ModelAlias.previous, version: before == previous ? nil : before),
        ], actor: actor, action: "rollback", reason: reason, at: at)
        logger.notice("model rolled back", metadata: [
            "shop_id": "\(shopID)", "kind": "\(kind)", "from": "\(champion.map(String.init) ?? "none")", "to": "\(previous)",
            "actor": "\(actor)", "reason": "\(reason)",
        ])
        return moves
    }

    /// Queues a training job of the kind; while one is queued or running, returns that one.
    public func requestTraining(shopID: Int64, kind: String, trigger: String, requestedBy: String, parameters: [String: String]? = nil,
                                at: Date = Date()) async throws -> JobRecord {
        _ = try kinds.require(kind)
        let payload = TrainingPayload(kind: kind, trigger: trigger, parameters: parameters)
        let draft = JobDraft(shopID: shopID, type: TrainingRunner.jobType, payload: try payload.json(),
                             dedupeKey: "train:\(shopID):\(kind)", maxAttempts: options.maxAttempts, runAfter: at, requestedBy: requestedBy)
        let job = try await store.enqueueJob(draft, at: at)
        logger.info("training requested", metadata: [
            "shop_id": "\(shopID)", "kind": "\(kind)", "trigger": "\(trigger)", "requested_by": "\(requestedBy)", "job_id": "\(job.id)",
        ])
        return job
    }

    /// Approves (promotes its version) or rejects (nothing moves) a pending proposal.
    @discardableResult
    public func decideProposal(shopID: Int64, id: Int64, approve: Bool, by: String, note: String?, at: Date = Date()) async throws -> [AliasMove] {
        guard let proposal = try await store.promotionProposal(shopID: shopID, id: id) else { throw LifecycleError.unknownProposal(id: id) }
        guard proposal.status == .pending else { throw LifecycleError.proposalNotPending(id: id) }
        guard approve else {
            guard try await store.decidePromotionProposal(shopID: shopID, id: id, status: .rejected, by: by, note: note, at: at) else {
                throw LifecycleError.proposalNotPending(id: id)
            }
            try await auditRejection(shopID: shopID, kind: proposal.kind, version: proposal.version, proposalID: id, by: by, note: note, at: at)
            logger.info("proposal rejected", metadata: [
                "shop_id": "\(shopID)", "kind": "\(proposal.kind)", "version": "\(proposal.version)", "by": "\(by)",
            ])
            return []
        }
        let reason = note.map { "proposal \(id) approved: \($0)" } ?? "proposal \(id) approved"
        // promote approves every pending proposal of the version, this one included.
        return try await promote(shopID: shopID, kind: proposal.kind, version: proposal.version, actor: by, reason: reason, at: at)
    }

    /// Alias name → version of a shop's kind.
    func aliasVersions(shopID: Int64, kind: String) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for alias in try await store.modelAliases(shopID: shopID, kind: kind) { result[alias.name] = alias.version }
        return result
    }
}

/// A training job's payload: `{"kind":…,"trigger":…,"parameters":{…}}`.
public struct TrainingPayload: Sendable, Hashable, Codable {
    public var kind: String
    public var trigger: String
    public var parameters: [String: String]?

    public init(kind: String, trigger: String, parameters: [String: String]? = nil) {
        self.kind = kind; self.trigger = trigger; self.parameters = parameters
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads a payload; the error says what is wrong.
    public static func decode(_ text: String) throws -> TrainingPayload {
        do {
            return try JSONDecoder().decode(TrainingPayload.self, from: Data(text.utf8))
        } catch {
            throw LifecycleError.invalidPayload("\(error)")
        }
    }
}
