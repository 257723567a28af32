import Foundation
import Risk

/// What scores a shop's subjects: its champion risk model (with the rules' facts), or the rules alone.
struct RiskScorer: Sendable {
    /// The registry version of the model; nil for rules alone.
    var version: Int?

    static let rules = RiskScorer(version: nil)

    func assess(_ vector: RiskFeatureVector) -> RiskAssessment {
        // TODO(B): RiskModel / RiskRules
        RiskAssessment(probability: 0, level: .none, facts: [], scorer: "rules")
    }
}
