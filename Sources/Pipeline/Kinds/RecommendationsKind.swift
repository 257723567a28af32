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
    public let projectionTables = ["orders", "line_items"]

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

    /// The options with the recognised parameters applied (`neighbours`, `min_co_purchases`,
    /// `shrinkage`, `similarity`); an unreadable value names its key.
    func options(_ parameters: [String: String]) throws -> RecommendationOptions {
        var options = options
        if let text = parameters["neighbours"] {
            guard let value = Int(text), value >= 1 else { throw LifecycleError.invalidPayload("parameters.neighbours '\(text)' is not a positive integer") }
            options.training.neighbours = value
        }
        if let text = parameters["min_co_purchases"] {
            guard let value = Int(text), value >= 1 else {
                throw LifecycleError.invalidPayload("parameters.min_co_purchases '\(text)' is not a positive integer")
            }
            options.training.minimumCoPurchases = value
        }
        if let text = parameters["shrinkage"] {
            guard let value = Double(text), value >= 0 else { throw LifecycleError.invalidPayload("parameters.shrinkage '\(text)' is not a number ≥ 0") }
            options.training.shrinkage = value
        }
        if let text = parameters["similarity"] {
            guard let value = SimilarityMeasure(rawValue: text) else {
                throw LifecycleError.invalidPayload("parameters.similarity '\(text)' is not cosine or bm25")
            }
            options.training.similarity = value
        }
        return options
    }

    public func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel {
        let options = try options(parameters)
        progress("holdout: evaluating on the last 28 days")
        let metrics = try await holdout(shopID: shopID, options: options)
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

    /// Days of orders held out for the evaluation.
    public static let holdoutDays = 28

    /// The offline evaluation of `storewise recommend evaluate --db --shop` on a split 28 days
    /// before the newest order: bought together (one hidden item of each test basket of 2+
    /// items, asked from the rest as a cart) gives `hr_at_10` and `ndcg_at_10`; next basket
    /// (a customer's first test basket from their history) gives `next_basket_hr_at_10` and
    /// `next_basket_ndcg_at_10`. Empty when either side of the split has no baskets or no
    /// bought-together case exists.
    func holdout(shopID: Int64, options: RecommendationOptions) async throws -> [String: Double] {
        let data = try await Self.basketData(store, shopID: shopID)
        guard let newest = data.baskets.compactMap(\.time).max() else { return [:] }
        let evaluation = OfflineEvaluation(data: data, split: newest - Int64(Self.holdoutDays) * 86_400, k: 10)
        guard !evaluation.train.isEmpty, !evaluation.test.isEmpty else { return [:] }
        let recommender = Recommender(model: evaluation.trainModel(options.training))
        var metrics: [String: Double] = [:]
        for (task, prefix) in [(EvaluationTask.boughtTogether, ""), (.nextBasket, "next_basket_")] {
            let cases = evaluation.cases(task)
            guard !cases.isEmpty else { continue }
            let result = evaluation.evaluate("Storewise", recommender, cases)
            metrics[prefix + "hr_at_10"] = result.mean.hit
            metrics[prefix + "ndcg_at_10"] = result.mean.ndcg
            metrics[prefix + "cases"] = Double(result.cases)
        }
        return metrics
    }

    /// A shop's stored orders as baskets of product ids (keys are the ids as text), as the
    /// served model reads them: test and cancelled orders, gift cards and lines without a
    /// product left out. (`storewise recommend evaluate --db` reads the same way.)
    public static func basketData(_ store: any RecommendationStore, shopID: Int64, excluding excluded: Set<String> = [],
                                  pageSize: Int = 50_000) async throws -> BasketData {
        var data = BasketData()
        var cursor: BasketCursor?
        while true {
            let page = try await store.recommendationBaskets(shopID: shopID, after: cursor, limit: pageSize)
            for row in page {
                let items = row.productIDs.map(String.init).filter { !excluded.contains($0) }.map { data.items.index(for: $0) }
                guard !items.isEmpty else { continue }
                data.baskets.append(Basket(id: String(row.orderID), customer: row.customerID.map { data.customers.index(for: String($0)) },
                                           time: row.createdAt, items: items))
            }
            data.lineCount += page.reduce(0) { $0 + $1.productIDs.count }
            guard let last = page.last, page.count == pageSize else { break }
            cursor = BasketCursor(after: last)
        }
        return data
    }

    public func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord? { nil }

    public func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn] { [] }
}
