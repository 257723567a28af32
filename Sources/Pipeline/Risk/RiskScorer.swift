import Foundation
import Logging
import Risk

/// What scores a shop's subjects: its champion risk model (its rules' floors and facts
/// included), or the standard rules alone before a model was trained.
struct RiskScorer: Sendable {
    /// The registry version of the model; nil for rules alone.
    var version: Int?
    var model: RiskModel?
    var rules: RiskRules

    static let rules = RiskScorer(version: nil, model: nil, rules: .standard)

    /// The model's assessment; the rules' when there is no model or the model fails (logged).
    func assess(_ vector: RiskFeatureVector, logger: Logger? = nil) -> RiskAssessment {
        if let model {
            do {
                return try model.assess(vector)
            } catch {
                logger?.error("risk model failed; scored with rules", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        return rules.assess(vector)
    }
}
