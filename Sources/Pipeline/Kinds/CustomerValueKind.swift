import Crypto
import CustomerValue
import Foundation
import Monitoring
import Storage

/// Customer value (BG/NBD or Pareto/NBD with Gamma-Gamma): trained by `CustomerScoringJob`,
/// whose run already checks itself on a hidden last stretch (the holdout); promotion compares
/// that holdout's mean absolute error of repeat purchases per customer (lower is better).
public struct CustomerValueKind: ModelKind {
    public let name = "customer-value"
    public let title = "Customer value"
    public let primaryMetric = "holdout_mae"
    public let higherIsBetter = false
    public let projectionTables = ["orders", "refunds", "customers"]

    let store: any LifecycleStore
    let options: CustomerScoringJob.Options

    public init(store: any LifecycleStore, options: CustomerScoringJob.Options) {
        self.store = store; self.options = options
    }

    public var parameters: [String: String] {
        ["model": options.model.rawValue, "penalizer": "\(options.penalizer)", "holdout_days": "\(options.holdoutDays)",
         "horizon_days": "\(options.horizonDays)", "clv_months": "\(options.clvMonths)"]
    }

    /// The options with the recognised parameters applied; an unreadable value names its key.
    func options(_ parameters: [String: String]) throws -> CustomerScoringJob.Options {
        var options = options
        if let text = parameters["model"] {
            guard let model = PurchaseModelKind(rawValue: text) else { throw LifecycleError.invalidPayload("parameters.model '\(text)' is not a purchase model") }
            options.model = model
        }
        if let text = parameters["penalizer"] {
            guard let value = Double(text) else { throw LifecycleError.invalidPayload("parameters.penalizer '\(text)' is not a number") }
            options.penalizer = value
        }
        if let text = parameters["holdout_days"] {
            guard let value = Int(text) else { throw LifecycleError.invalidPayload("parameters.holdout_days '\(text)' is not an integer") }
            options.holdoutDays = value
        }
        return options
    }

    public func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel {
        var options = try options(parameters)
        // Score as of the shop's last day with sales unless configured: a shop whose data stops
        // (an import, a demo) would otherwise hold out empty days and measure nothing.
        if options.asOfDay == nil { options.asOfDay = try await store.latestDemandDay(shopID: shopID) }
        let job = CustomerScoringJob(store: store, options: options)
        let run = try await job.run(shopID: shopID, progress: progress)
        var metrics: [String: Double] = [:]
        if let holdout = run.holdout {
            metrics["holdout_mae"] = holdout.meanAbsoluteError
            metrics["holdout_predicted_purchases"] = holdout.predictedPurchases
            metrics["holdout_actual_purchases"] = Double(holdout.actualPurchases)
            metrics["holdout_customers"] = Double(holdout.customers)
        }
        metrics["log_likelihood"] = run.logLikelihood
        // The artifact is the stored run; its digest covers the fitted parameters it scores with.
        var hash = SHA256()
        for (key, value) in (run.parameters.merging(run.spendParameters.mapKeys { "spend_" + $0 }) { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            hash.update(data: Data("\(key)=\(value)\n".utf8))
        }
        hash.update(data: Data("model=\(run.model) customers=\(run.customers) orders=\(run.orders)\n".utf8))
        return TrainedModel(
            holdoutMetrics: metrics, artifactURI: "customer-value-run:\(run.id)", artifactDigest: hash.finalize().hexString,
            asOfDay: options.asOfDay,
            summary: ["customers": Double(run.customers), "repeat_buyers": Double(run.repeatBuyers), "orders": Double(run.orders),
                      "seconds": run.seconds])
    }

    public func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord? { nil }

    /// Not read: the run's scores are only kept for the latest runs and reading every customer's
    /// row per monitor pass is not cheap; the order-feature drift covers the inputs.
    public func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn] { [] }
}

extension Dictionary {
    func mapKeys(_ transform: (Key) -> Key) -> [Key: Value] {
        Dictionary(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}

extension Digest {
    /// Lowercase hex of the digest's bytes.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in self { bytes.append(digits[Int(byte >> 4)]); bytes.append(digits[Int(byte & 15)]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
