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
    /// arrive weeks late): orders younger than that at training are not used as negatives.
    public static let defaultLabelDelayDays = 30

    let store: any LifecycleStore
    let labelDelayDays: Int

    public init(store: any LifecycleStore, labelDelayDays: Int = RiskKind.defaultLabelDelayDays) {
        self.store = store; self.labelDelayDays = labelDelayDays
    }

    public var parameters: [String: String] { ["label_delay_days": "\(labelDelayDays)"] }

    /// `label_delay_days` from the parameters (a whole number of days ≥ 0).
    func labelDelay(_ parameters: [String: String]) throws -> Int {
        guard let text = parameters["label_delay_days"] else { return labelDelayDays }
        guard let days = Int(text), days >= 0 else {
            throw LifecycleError.invalidPayload("parameters.label_delay_days '\(text)' is not a whole number of days ≥ 0")
        }
        return days
    }

    public func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel {
        _ = try labelDelay(parameters)
        throw LifecycleError.invalidPayload("risk: training is not implemented yet")
    }

    public func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord? { nil }

    public func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn] { [] }
}
