import Foundation

/// The model registry: immutable versions per shop × kind, mutable aliases, and the
/// append-only history of every alias move (who, when, from → to, why).
///
/// Every alias change goes through `moveAliases`, which applies all its changes and appends
/// one history row per alias that actually moved, in one transaction: a promotion (champion,
/// previous and challenger together) is never half-applied.
///
/// ```swift
/// let v = try await registry.registerModelVersion(draft)
/// try await registry.moveAliases(shopID: 1, kind: "forecast", [AliasChange(alias: "champion", version: v.version)],
///                                actor: "scheduler", action: "auto-promote", reason: "first version", at: .now)
/// let champion = try await registry.resolveAlias(shopID: 1, kind: "forecast", alias: "champion")
/// ```
public protocol ModelRegistry: Sendable {
    /// Registers a version with the next version number of its shop × kind. When `draft.jobID`
    /// already registered a version, returns that one unchanged. Throws `StorageError.unknownShop`.
    func registerModelVersion(_ draft: ModelVersionDraft, at: Date) async throws -> ModelVersion
    /// One version with its catalog and reference sample, or nil.
    func modelVersion(shopID: Int64, kind: String, version: Int) async throws -> ModelVersion?
    /// Versions newest first (all kinds when `kind` is nil), without catalog and reference.
    func modelVersions(shopID: Int64, kind: String?, limit: Int) async throws -> [ModelVersion]
    /// Sets a version's status (the only mutable field) and its message.
    func setModelVersionStatus(shopID: Int64, kind: String, version: Int, status: ModelVersionStatus, message: String?) async throws
    /// The kinds a shop has versions of, sorted.
    func modelKinds(shopID: Int64) async throws -> [String]

    /// The shop's aliases (of one kind, or all), sorted by kind and name.
    func modelAliases(shopID: Int64, kind: String?) async throws -> [ModelAlias]
    /// The version an alias points at, with its catalog and reference, or nil.
    func resolveAlias(shopID: Int64, kind: String, alias: String) async throws -> ModelVersion?
    /// Applies the changes in order and appends one `AliasMove` per alias whose target changed
    /// (a change to the version it already holds records nothing). Throws
    /// `StorageError.unknownModelVersion` when a target version does not exist or is not ready.
    @discardableResult
    func moveAliases(shopID: Int64, kind: String, _ changes: [AliasChange], actor: String, action: String, reason: String, at: Date) async throws -> [AliasMove]
    /// The promotion history, newest first, filtered by kind and alias when given.
    func aliasHistory(shopID: Int64, kind: String?, alias: String?, limit: Int) async throws -> [AliasMove]
    /// The newest alias change of all shops' (for cache invalidation by polling): the largest
    /// history row id, 0 when none.
    func latestAliasMoveID() async throws -> Int64

    /// Files a proposal; a pending proposal of the same shop × kind is marked superseded.
    func createPromotionProposal(_ proposal: PromotionProposal) async throws -> PromotionProposal
    func promotionProposals(shopID: Int64, status: PromotionProposal.Status?, limit: Int) async throws -> [PromotionProposal]
    func promotionProposal(shopID: Int64, id: Int64) async throws -> PromotionProposal?
    /// Records a decision on a pending proposal; false when it was not pending.
    func decidePromotionProposal(shopID: Int64, id: Int64, status: PromotionProposal.Status, by: String, note: String?, at: Date) async throws -> Bool

    /// The rollout of a shop × kind (defaults when never set).
    func rolloutSetting(shopID: Int64, kind: String) async throws -> RolloutSetting
    func setRolloutSetting(_ setting: RolloutSetting) async throws
    /// Every stored rollout (for the router's cache).
    func rolloutSettings() async throws -> [RolloutSetting]
}
