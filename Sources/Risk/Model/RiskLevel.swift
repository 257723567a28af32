/// Shopify's `RiskAssessmentResult` values an app may write (PENDING is Shopify's own).
public enum RiskLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case none = "NONE", low = "LOW", medium = "MEDIUM", high = "HIGH"

    private var rank: Int { switch self { case .none: 0; case .low: 1; case .medium: 2; case .high: 3 } }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// Shopify's `RiskFactSentiment`: NEGATIVE raises risk, POSITIVE lowers it.
public enum RiskSentiment: String, Sendable, Codable, CaseIterable {
    case negative = "NEGATIVE", neutral = "NEUTRAL", positive = "POSITIVE"
}
