import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: ModelRegistry {
    public func registerModelVersion(_ draft: ModelVersionDraft, at: Date) async throws -> ModelVersion {
        throw PostgresStoreError.notImplemented("ModelRegistry.registerModelVersion")
    }

    public func modelVersion(shopID: Int64, kind: String, version: Int) async throws -> ModelVersion? {
        throw PostgresStoreError.notImplemented("ModelRegistry.modelVersion")
    }

    public func modelVersions(shopID: Int64, kind: String?, limit: Int) async throws -> [ModelVersion] {
        throw PostgresStoreError.notImplemented("ModelRegistry.modelVersions")
    }

    public func setModelVersionStatus(shopID: Int64, kind: String, version: Int, status: ModelVersionStatus, message: String?) async throws {
        throw PostgresStoreError.notImplemented("ModelRegistry.setModelVersionStatus")
    }

    public func modelKinds(shopID: Int64) async throws -> [String] {
        throw PostgresStoreError.notImplemented("ModelRegistry.modelKinds")
    }

    public func modelAliases(shopID: Int64, kind: String?) async throws -> [ModelAlias] {
        throw PostgresStoreError.notImplemented("ModelRegistry.modelAliases")
    }

    public func resolveAlias(shopID: Int64, kind: String, alias: String) async throws -> ModelVersion? {
        throw PostgresStoreError.notImplemented("ModelRegistry.resolveAlias")
    }

    @discardableResult
    public func moveAliases(shopID: Int64, kind: String, _ changes: [AliasChange], actor: String, action: String, reason: String, at: Date) async throws -> [AliasMove] {
        throw PostgresStoreError.notImplemented("ModelRegistry.moveAliases")
    }

    public func aliasHistory(shopID: Int64, kind: String?, alias: String?, limit: Int) async throws -> [AliasMove] {
        throw PostgresStoreError.notImplemented("ModelRegistry.aliasHistory")
    }

    public func latestAliasMoveID() async throws -> Int64 {
        throw PostgresStoreError.notImplemented("ModelRegistry.latestAliasMoveID")
    }

    public func createPromotionProposal(_ proposal: PromotionProposal) async throws -> PromotionProposal {
        throw PostgresStoreError.notImplemented("ModelRegistry.createPromotionProposal")
    }

    public func promotionProposals(shopID: Int64, status: PromotionProposal.Status?, limit: Int) async throws -> [PromotionProposal] {
        throw PostgresStoreError.notImplemented("ModelRegistry.promotionProposals")
    }

    public func promotionProposal(shopID: Int64, id: Int64) async throws -> PromotionProposal? {
        throw PostgresStoreError.notImplemented("ModelRegistry.promotionProposal")
    }

    public func decidePromotionProposal(shopID: Int64, id: Int64, status: PromotionProposal.Status, by: String, note: String?, at: Date) async throws -> Bool {
        throw PostgresStoreError.notImplemented("ModelRegistry.decidePromotionProposal")
    }

    public func rolloutSetting(shopID: Int64, kind: String) async throws -> RolloutSetting {
        throw PostgresStoreError.notImplemented("ModelRegistry.rolloutSetting")
    }

    public func setRolloutSetting(_ setting: RolloutSetting) async throws {
        throw PostgresStoreError.notImplemented("ModelRegistry.setRolloutSetting")
    }

    public func rolloutSettings() async throws -> [RolloutSetting] {
        throw PostgresStoreError.notImplemented("ModelRegistry.rolloutSettings")
    }
}
