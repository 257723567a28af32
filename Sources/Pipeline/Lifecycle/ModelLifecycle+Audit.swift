import Foundation
import Storage

extension ModelLifecycle {
    /// Moves aliases (one registry transaction) and records each move in the shop's audit trail, so
    /// model promotions and rollbacks sit in the same hash chain as every action on the store.
    ///
    /// The promotion history and the audit row are two writes: the history row is the source of
    /// truth for routing, and a crash between them leaves a move without its audit row, which the
    /// next `storewise audit verify` cannot see — acceptable here because the history itself is
    /// append-only and shown beside the audit trail.
    @discardableResult
    public func moveAliases(shopID: Int64, kind: String, _ changes: [AliasChange], actor: String, action: String, reason: String,
                            at: Date) async throws -> [AliasMove] {
        let moves = try await store.moveAliases(shopID: shopID, kind: kind, changes, actor: actor, action: action, reason: reason, at: at)
        try await audit(moves)
        return moves
    }

    /// One audit row per alias move: actor, "model.<action>", the alias as target, old → new version.
    func audit(_ moves: [AliasMove]) async throws {
        for move in moves {
            let (type, source) = Self.actor(move.actor)
            try await store.appendAudit(AuditEntryDraft(
                shopID: move.shopID, at: move.at, actorType: type, actorID: move.actor, action: "model.\(move.action)",
                targetType: "model-alias", targetID: "\(move.kind)/\(move.alias)", modelKind: move.kind, modelVersion: move.toVersion,
                reason: move.reason, oldValue: move.fromVersion.map { "{\"version\":\($0)}" },
                newValue: move.toVersion.map { "{\"version\":\($0)}" }, outcome: "ok", source: source))
        }
    }

    /// Records a rejected promotion proposal (nothing moved, but a person decided).
    func auditRejection(shopID: Int64, kind: String, version: Int, proposalID: Int64, by: String, note: String?, at: Date) async throws {
        let (type, source) = Self.actor(by)
        try await store.appendAudit(AuditEntryDraft(
            shopID: shopID, at: at, actorType: type, actorID: by, action: "model.proposal-rejected", targetType: "model-version",
            targetID: "\(kind)/\(version)", modelKind: kind, modelVersion: version, decision: "reject",
            reason: note ?? "promotion proposal \(proposalID) rejected", outcome: "ok", source: source))
    }

    /// Actor strings are "cli:ana", "api:…", "ui:…" for people and "scheduler" for Storewise itself.
    static func actor(_ actor: String) -> (AuditActorType, String) {
        for prefix in ["cli", "api", "ui", "dashboard"] where actor.hasPrefix(prefix + ":") {
            return (.user, prefix == "dashboard" ? "ui" : prefix)
        }
        return (.system, actor == "scheduler" ? "scheduler" : "system")
    }
}
