import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: RecommendationStore {
    public func recommendationBaskets(shopID: Int64, after: BasketCursor?, limit: Int?) async throws -> [OrderBasketRow] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationBaskets")
    }

    public func recommendationCatalog(shopID: Int64) async throws -> [RecommendableProduct] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationCatalog")
    }

    public func recommendationAvailability(shopID: Int64) async throws -> [ProductAvailability] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationAvailability")
    }

    public func customerPurchases(shopID: Int64, customerID: Int64) async throws -> [CustomerPurchase] {
        throw PostgresStoreError.notImplemented("RecommendationStore.customerPurchases")
    }

    public func saveRecommendationModel(_ run: RecommendationRun, neighbours: [NeighbourRow], popular: [PopularRow], keepRuns: Int) async throws -> RecommendationRun {
        throw PostgresStoreError.notImplemented("RecommendationStore.saveRecommendationModel")
    }

    public func updateRecommendationNeighbours(_ run: RecommendationRun, productIDs: [Int64], neighbours: [NeighbourRow], popular: [PopularRow]?, keepRuns: Int) async throws -> RecommendationRun {
        throw PostgresStoreError.notImplemented("RecommendationStore.updateRecommendationNeighbours")
    }

    public func latestRecommendationRun(shopID: Int64) async throws -> RecommendationRun? {
        throw PostgresStoreError.notImplemented("RecommendationStore.latestRecommendationRun")
    }

    public func recommendationRuns(shopID: Int64, limit: Int) async throws -> [RecommendationRun] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationRuns")
    }

    public func recommendationNeighbours(shopID: Int64) async throws -> [NeighbourRow] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationNeighbours")
    }

    public func recommendationNeighbourLists(shopID: Int64) async throws -> [NeighbourList] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationNeighbourLists")
    }

    public func recommendationNeighbours(shopID: Int64, productID: Int64) async throws -> [NeighbourRow] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationNeighbours")
    }

    public func recommendationPopular(shopID: Int64) async throws -> [PopularRow] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationPopular")
    }

    public func recommendationRules(shopID: Int64) async throws -> [RecommendationRule] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationRules")
    }

    public func setRecommendationRule(_ rule: RecommendationRule) async throws {
        throw PostgresStoreError.notImplemented("RecommendationStore.setRecommendationRule")
    }

    @discardableResult
    public func deleteRecommendationRule(shopID: Int64, productID: Int64, targetID: Int64) async throws -> Bool {
        throw PostgresStoreError.notImplemented("RecommendationStore.deleteRecommendationRule")
    }

    public func appendRecommendationLog(shopID: Int64, _ entries: [RecommendationLogEntry]) async throws {
        throw PostgresStoreError.notImplemented("RecommendationStore.appendRecommendationLog")
    }

    public func recommendationLog(shopID: Int64, limit: Int) async throws -> [RecommendationLogEntry] {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationLog")
    }

    public func recommendationLogCount(shopID: Int64) async throws -> Int {
        throw PostgresStoreError.notImplemented("RecommendationStore.recommendationLogCount")
    }

    @discardableResult
    public func pruneRecommendationLog(before: Int64) async throws -> Int {
        throw PostgresStoreError.notImplemented("RecommendationStore.pruneRecommendationLog")
    }

    @discardableResult
    public func deleteRecommendationLog(shopID: Int64, customerHash: String) async throws -> Int {
        throw PostgresStoreError.notImplemented("RecommendationStore.deleteRecommendationLog")
    }
}
