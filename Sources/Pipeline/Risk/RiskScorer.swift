import Foundation
import Logging
import Risk

/// What scores a shop's subjects: its champion risk model (its rules' floors and facts
/// included), or the standard rules alone before a model was trained.
///
/// The scorer holds the model's bytes, not the model: the boosted trees live on
/// `RiskModelHost`'s threads, the only ones that touch XGBoost while serving.
struct RiskScorer: Sendable {
    /// The registry version of the model; nil for rules alone.
    var version: Int?
    var model: (key: RiskModelHost.Key, bytes: [UInt8])?
    var rules: RiskRules

    static let rules = RiskScorer(version: nil, model: nil, rules: .standard)

    /// The model's assessment; the rules' when there is no model or the model fails (logged).
    func assess(_ vector: RiskFeatureVector, host: RiskModelHost = .shared, logger: Logger? = nil) async -> RiskAssessment {
        if let model {
            do {
                return try await host.assess(vector, key: model.key, bytes: model.bytes)
            } catch {
                logger?.error("risk model failed; scored with rules", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        return rules.assess(vector)
    }
}
