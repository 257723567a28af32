import Foundation

/// A stored risk assessment. Storage does not know the `Risk` types: the level is Shopify's
/// name ("NONE", "LOW", "MEDIUM", "HIGH"), facts and features are JSON text written by the scorer.
public struct RiskAssessmentRecord: Sendable, Hashable, Codable {
    public var shopID: Int64
    public var subjectKind: RiskSubjectKind
    /// The order (or refund) id.
    public var subjectID: Int64
    /// When the subject happened (the order's processed or created time).
    public var at: Date
    /// Calibrated probability of fraud, 0…1.
    public var probability: Double
    public var level: String
    /// `[RiskFact]` as JSON.
    public var factsJSON: String
    /// "model" or "rules".
    public var scorer: String
    /// The registry version of the risk model; nil for rules alone.
    public var modelVersion: Int?
    /// The feature values as a JSON array in `RiskFeature` order (null for missing).
    public var featuresJSON: String
    /// When it was scored.
    public var scoredAt: Date

    public init(shopID: Int64, subjectKind: RiskSubjectKind, subjectID: Int64, at: Date, probability: Double, level: String,
                factsJSON: String, scorer: String, modelVersion: Int?, featuresJSON: String, scoredAt: Date) {
        self.shopID = shopID; self.subjectKind = subjectKind; self.subjectID = subjectID; self.at = at
        self.probability = probability; self.level = level; self.factsJSON = factsJSON; self.scorer = scorer
        self.modelVersion = modelVersion; self.featuresJSON = featuresJSON; self.scoredAt = scoredAt
    }

    /// Shopify's levels in order, so "MEDIUM or above" is a range query.
    public static func levelRank(_ level: String) -> Int {
        switch level.uppercased() {
        case "NONE": 0
        case "LOW": 1
        case "MEDIUM": 2
        case "HIGH": 3
        default: 0
        }
    }
}

/// A trained risk model as stored: its bytes (the `Risk` model's serialization) and SHA-256.
public struct RiskModelRecord: Sendable, Hashable {
    public var id: Int64
    public var shopID: Int64
    public var createdAt: Date
    public var model: Data
    /// Hex SHA-256 of `model`.
    public var digest: String
    public var summary: [String: Double]

    public init(id: Int64, shopID: Int64, createdAt: Date, model: Data, digest: String, summary: [String: Double]) {
        self.id = id; self.shopID = shopID; self.createdAt = createdAt; self.model = model; self.digest = digest
        self.summary = summary
    }

    /// `risk-model:<id>`, the registry's artifact URI.
    public var artifactURI: String { "risk-model:\(id)" }

    /// The id in a `risk-model:<id>` URI.
    public static func id(fromArtifactURI uri: String) -> Int64? {
        guard uri.hasPrefix("risk-model:") else { return nil }
        return Int64(uri.dropFirst("risk-model:".count))
    }
}
