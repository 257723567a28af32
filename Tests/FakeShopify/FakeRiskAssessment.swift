import Foundation

/// An order risk assessment created with `orderRiskAssessmentCreate`.
public struct FakeRiskAssessment: Sendable, Hashable {
    /// One fact: `sentiment` is POSITIVE, NEUTRAL or NEGATIVE.
    public struct Fact: Sendable, Hashable {
        public var sentiment: String
        public var description: String
    }

    public var orderID: Int64
    /// HIGH, MEDIUM, LOW, NONE or PENDING (`RiskAssessmentResult`).
    public var riskLevel: String
    public var facts: [Fact]
    public var createdAt: Date
}
