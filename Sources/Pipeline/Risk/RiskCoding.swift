import Foundation
import Risk
import ShopifyAdmin
import Storage

/// The JSON text of stored assessments, written by hand (no `JSONEncoder` per scored order) and
/// read back with `JSONDecoder` (the keys are `RiskFact`'s synthesized ones).
enum RiskCoding {
    static func factsJSON(_ facts: [RiskFact]) -> String {
        var out = "["
        for (i, fact) in facts.enumerated() {
            if i > 0 { out += "," }
            out += "{\"description\":" + quoted(fact.description) + ",\"sentiment\":\"" + fact.sentiment.rawValue + "\""
            if let source = fact.source { out += ",\"source\":" + quoted(source) }
            out += ",\"contribution\":" + number(fact.contribution) + "}"
        }
        return out + "]"
    }

    /// Values in `RiskFeature` order; NaN (missing) as null.
    static func featuresJSON(_ vector: RiskFeatureVector) -> String {
        "[" + vector.values.map(number).joined(separator: ",") + "]"
    }

    static func facts(_ text: String) -> [RiskFact] {
        (try? JSONDecoder().decode([RiskFact].self, from: Data(text.utf8))) ?? []
    }

    static func features(_ text: String) -> RiskFeatureVector {
        guard let values = try? JSONDecoder().decode([Double?].self, from: Data(text.utf8)),
              values.count == RiskFeature.allCases.count else { return RiskFeatureVector() }
        return RiskFeatureVector(values: values.map { $0 ?? .nan })
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func quoted(_ s: String) -> String { JSONColumn.quoted(s) }

    static func record(_ r: RiskAssessmentRecord) -> StoredRiskAssessment {
        StoredRiskAssessment(
            subjectKind: r.subjectKind, subjectID: r.subjectID, at: r.at,
            assessment: RiskAssessment(probability: r.probability, level: RiskLevel(rawValue: r.level) ?? .none, facts: facts(r.factsJSON),
                                       scorer: r.scorer),
            modelVersion: r.modelVersion, features: features(r.featuresJSON), scoredAt: r.scoredAt)
    }

    /// The `orderRiskAssessmentCreate` payload (`ActionPayload`'s shape): at most 50 facts, at
    /// least one (a summary line when the scorer gave none).
    static func proposalPayload(orderID: Int64, assessment: RiskAssessment) -> JSONValue {
        var facts: [JSONValue] = assessment.facts.prefix(50).map {
            ["description": .string($0.description), "sentiment": .string($0.sentiment.rawValue)]
        }
        if facts.isEmpty {
            facts = [["description": .string(summary(assessment)), "sentiment": .string(RiskSentiment.neutral.rawValue)]]
        }
        return ["orderId": .string("gid://shopify/Order/\(orderID)"), "riskLevel": .string(assessment.level.rawValue), "facts": .array(facts)]
    }

    /// "Storewise risk score 4 % (LOW)".
    static func summary(_ assessment: RiskAssessment) -> String {
        let percent = (assessment.probability * 100).rounded()
        return "Storewise risk score \(Int(percent)) % (\(assessment.level.rawValue))"
    }
}
