import Foundation
import Pipeline
import Risk
import Storage

/// JSON views of risk assessments (snake_case keys through `JSONResponse`).
enum RiskJSON {
    struct FactView: Encodable, Sendable {
        var description: String
        var sentiment: String
        /// The feature or rule behind it (nil for a summary line).
        var source: String?
    }

    /// A pre-check's answer.
    struct PrecheckView: Encodable, Sendable {
        var kind: String
        var level: String
        var probability: Double
        var facts: [FactView]
        var scorer: String
        var decision: String
    }

    /// A stored assessment of an order.
    struct AssessmentView: Encodable, Sendable {
        var orderId: Int64
        var orderGid: String
        var subjectKind: String
        var level: String
        var probability: Double
        var facts: [FactView]
        var scorer: String
        var modelVersion: Int?
        var at: Date
        var scoredAt: Date
        /// Feature name → value (null when missing); only on the single-order lookup.
        var features: [String: Double?]?
    }

    struct FlaggedList: Encodable, Sendable {
        var items: [AssessmentView]
        var minimumLevel: String
        var since: Date?
        var limit: Int
    }

    static func facts(_ assessment: RiskAssessment) -> [FactView] {
        assessment.facts.map { FactView(description: $0.description, sentiment: $0.sentiment.rawValue, source: $0.source) }
    }

    static func precheck(_ assessment: RiskAssessment, kind: String, decision: RiskPrecheckDecision) -> PrecheckView {
        PrecheckView(kind: kind, level: assessment.level.rawValue, probability: rounded(assessment.probability), facts: facts(assessment),
                     scorer: assessment.scorer, decision: decision.rawValue)
    }

    static func assessment(_ stored: StoredRiskAssessment, withFeatures: Bool) -> AssessmentView {
        var features: [String: Double?]?
        if withFeatures {
            var map: [String: Double?] = [:]
            for feature in RiskFeature.allCases {
                let value = stored.features[feature]
                map[feature.rawValue] = value.isFinite ? value : nil
            }
            features = map
        }
        return AssessmentView(
            orderId: stored.subjectID, orderGid: "gid://shopify/Order/\(stored.subjectID)", subjectKind: stored.subjectKind.rawValue,
            level: stored.assessment.level.rawValue, probability: rounded(stored.assessment.probability), facts: facts(stored.assessment),
            scorer: stored.assessment.scorer, modelVersion: stored.modelVersion, at: stored.at, scoredAt: stored.scoredAt, features: features)
    }

    /// Six decimals: a probability's noise beyond that means nothing to a reader.
    static func rounded(_ p: Double) -> Double { p.isFinite ? (p * 1_000_000).rounded() / 1_000_000 : 0 }

    static func kindName(_ subject: RiskSubject) -> String {
        switch subject {
        case .order: "order"
        case .refund: RiskPrecheckRequest.Kind.refund.rawValue
        case .giftCardSale: RiskPrecheckRequest.Kind.giftCard.rawValue
        case .discountOverride: RiskPrecheckRequest.Kind.discountOverride.rawValue
        }
    }
}
