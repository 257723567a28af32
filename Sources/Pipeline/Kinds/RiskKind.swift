import Commerce
import Foundation
import Monitoring
import Risk
import Storage

/// Order risk (issue 10): the boosted classifier with calibration and review-capacity thresholds,
/// trained on the shop's orders replayed in time order through `RiskFeatureState` (features
/// computed before each order is recorded, as serving does) with labels known by the training
/// time minus the label delay. The artifact is the serialized model in `risk_models`;
/// promotion compares average precision on the time holdout (higher is better).
public struct RiskKind: ModelKind {
    public static let kindName = "risk"
    public let name = RiskKind.kindName
    public let title = "Order risk"
    public let primaryMetric = "average_precision"
    public let higherIsBetter = true
    public let projectionTables = ["orders", "refunds"]

    /// Days between an order and the time its fraud label is trusted to be known (chargebacks
    /// arrive weeks late): newer orders are left out of training.
    public static let defaultLabelDelayDays = 60
    /// Fewer labelled frauds than this in the training window and the kind refuses to train.
    public static let defaultMinimumFrauds = 10

    let store: any LifecycleStore
    let labelDelayDays: Int
    let holdoutDays: Int
    let minimumFrauds: Int
    let retentionDays: Int
    /// The review capacity: at most this share of orders HIGH, and MEDIUM or above.
    let reviewHighShare: Double
    let reviewMediumShare: Double

    public init(store: any LifecycleStore, labelDelayDays: Int = RiskKind.defaultLabelDelayDays, holdoutDays: Int = 14,
                minimumFrauds: Int = RiskKind.defaultMinimumFrauds, retentionDays: Int = 90, reviewHighShare: Double = 0.01,
                reviewMediumShare: Double = 0.05) {
        self.store = store; self.labelDelayDays = labelDelayDays; self.holdoutDays = holdoutDays
        self.minimumFrauds = minimumFrauds; self.retentionDays = retentionDays
        self.reviewHighShare = reviewHighShare; self.reviewMediumShare = reviewMediumShare
    }

    /// `label_delay_days`, `holdout_days`, `min_frauds`, `review_high_share`, `review_medium_share`.
    public var parameters: [String: String] {
        ["label_delay_days": "\(labelDelayDays)", "holdout_days": "\(holdoutDays)", "min_frauds": "\(minimumFrauds)",
         "review_high_share": "\(reviewHighShare)", "review_medium_share": "\(reviewMediumShare)"]
    }

    /// A share 0…1 from the parameters, or `fallback`; an unreadable value names its key.
    func share(_ parameters: [String: String], _ key: String, fallback: Double) throws -> Double {
        guard let text = parameters[key] else { return fallback }
        guard let value = Double(text), (0...1).contains(value) else {
            throw LifecycleError.invalidPayload("parameters.\(key) '\(text)' is not a share from 0 to 1")
        }
        return value
    }

    /// A whole number ≥ `minimum` from the parameters, or `fallback`; an unreadable value names its key.
    func integer(_ parameters: [String: String], _ key: String, fallback: Int, minimum: Int) throws -> Int {
        guard let text = parameters[key] else { return fallback }
        guard let value = Int(text), value >= minimum else {
            throw LifecycleError.invalidPayload("parameters.\(key) '\(text)' is not a whole number ≥ \(minimum)")
        }
        return value
    }

    public func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel {
        let started = Date()
        let delayDays = try integer(parameters, "label_delay_days", fallback: labelDelayDays, minimum: 0)
        let holdout = try integer(parameters, "holdout_days", fallback: holdoutDays, minimum: 1)
        let minimum = try integer(parameters, "min_frauds", fallback: minimumFrauds, minimum: 1)
        let highShare = try share(parameters, "review_high_share", fallback: reviewHighShare)
        let mediumShare = try share(parameters, "review_medium_share", fallback: max(reviewMediumShare, highShare))
        guard mediumShare >= highShare else {
            throw LifecycleError.invalidPayload("parameters.review_medium_share \(mediumShare) is below review_high_share \(highShare)")
        }
        guard let shop = try await store.shop(id: shopID) else { throw StorageError.unknownShop(id: shopID) }

        progress("reading orders and refunds from the log")
        let history = try await RiskHistory.load(store: store, shopID: shopID, currency: shop.shop.currency)
        let labels = Dictionary(try await store.riskLabels(shopID: shopID).map { ($0.orderID, $0) }) { a, _ in a }
        progress("replaying \(history.orderCount) orders through the features")
        let examples = Self.examples(history, labels: labels,
                                     options: ShopRiskState.options(timeZone: shop.shop.timeZone, retentionDays: retentionDays))
        guard let newest = examples.map(\.at).max() else {
            throw RiskTrainingError("risk: the shop has no orders to train on")
        }
        // The shop's "now": its newest order or label, never later than the clock (a shop whose
        // data stops — an import, a demo — would otherwise hold out empty weeks).
        let newestLabel = labels.values.map(\.knownAt).max() ?? newest
        let asOf = min(Date(), max(newest, newestLabel))
        let options = RiskTrainingOptions(labelDelay: Double(delayDays) * 86_400, holdoutDays: Double(holdout), highShare: highShare,
                                          mediumShare: mediumShare)
        let cutoff = asOf.addingTimeInterval(-options.labelDelay)
        let frauds = examples.count { $0.at < cutoff && $0.label(asOf: asOf) }
        guard frauds >= minimum else {
            throw RiskTrainingError("risk: \(frauds) labelled frauds in the training window (orders before \(Self.day(cutoff)), "
                + "labels known by \(Self.day(asOf))), need ≥ \(minimum): label chargebacks, fraud cancellations or 'fraud' tags")
        }
        progress("training on \(examples.count { $0.at < cutoff }) orders (\(frauds) frauds), label delay \(delayDays) d")
        // On a worker thread, not the pool that serves requests; the boosters are made, used and
        // freed there in one synchronous span (XGBoost keeps per-thread state, see RiskModelHost).
        let trained = await WorkerThreads.map([examples], threads: 1) { examples in
            Result { () throws -> (Data, RiskEvaluation, RiskThresholds) in
                let (model, evaluation) = try RiskTrainer.train(examples, asOf: asOf, options: options)
                return (Data(try model.serialized()), evaluation, model.calibratedThresholds)
            }
        }
        guard let result = trained.first ?? nil else { throw CancellationError() }
        let (bytes, evaluation, thresholds) = try result.get()
        var metrics: [String: Double] = [
            "average_precision": evaluation.averagePrecision, "auc": evaluation.auc,
            "precision_at_capacity": evaluation.precisionAtCapacity, "recall_at_capacity": evaluation.recallAtCapacity,
            "holdout_rows": Double(evaluation.holdoutRows), "holdout_frauds": Double(evaluation.holdoutFrauds),
        ]
        metrics = metrics.filter { $0.value.isFinite }
        let summary: [String: Double] = [
            "orders": Double(history.orderCount), "examples": Double(examples.count), "train_rows": Double(evaluation.trainRows),
            "frauds": Double(evaluation.frauds), "labels_not_yet_known": Double(evaluation.labelsNotYetKnown),
            "excluded_by_delay": Double(evaluation.excludedByDelay), "rounds": Double(evaluation.rounds),
            "seconds": Date().timeIntervalSince(started),
            // The review-capacity cuts as probabilities, for the dashboard.
            "threshold_medium": thresholds.medium, "threshold_high": thresholds.high,
        ].filter { $0.value.isFinite }
        let record = try await store.saveRiskModel(shopID: shopID, model: bytes, summary: summary, at: Date())
        progress("average precision \(evaluation.averagePrecision) on \(evaluation.holdoutRows) holdout orders")
        return TrainedModel(holdoutMetrics: metrics, artifactURI: record.artifactURI, artifactDigest: record.digest,
                            asOfDay: Self.day(asOf), summary: summary)
    }

    /// One example per order (test orders left out), its features computed from what was recorded
    /// before it — exactly what serving computes when the order arrives — and then recorded.
    static func examples(_ history: RiskHistory, labels: [Int64: RiskLabel], options: RiskFeatureOptions) -> [RiskExample] {
        var state = ShopRiskState(options: options)
        var examples: [RiskExample] = []
        examples.reserveCapacity(history.orderCount)
        for item in history.items {
            switch item {
            case .order(let order):
                guard !order.test else { continue }
                let label = labels[order.id]
                examples.append(RiskExample(features: state.vector(.order(order)), fraud: label != nil,
                                            at: order.processedAt ?? order.createdAt, labelKnownAt: label?.knownAt))
                state.record(order)
            case .refund(let refund):
                state.record(refund)
            }
        }
        return examples
    }

    /// "YYYY-MM-DD" in UTC.
    static func day(_ date: Date) -> String {
        String(date.formatted(Date.ISO8601FormatStyle().year().month().day()))
    }

    public func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord? { nil }

    public func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn] { [] }
}
