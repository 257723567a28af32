/// A scored subject: calibrated probability of fraud, Shopify's level, and the facts behind it.
public struct RiskAssessment: Sendable, Hashable, Codable {
    /// Calibrated probability that the subject is fraudulent, 0…1.
    public var probability: Double
    public var level: RiskLevel
    /// Most important first; NEGATIVE facts raised the score.
    public var facts: [RiskFact]
    /// "model" (the boosted classifier, rules added as facts) or "rules" (rules alone).
    public var scorer: String

    public init(probability: Double, level: RiskLevel, facts: [RiskFact], scorer: String) {
        self.probability = probability; self.level = level; self.facts = facts; self.scorer = scorer
    }
}
