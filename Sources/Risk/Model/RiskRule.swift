import Foundation

/// A transparent rule over a `RiskFeatureVector`: when every condition holds it adds its weight
/// (log-odds) to the rules' score, states its fact, and lifts the level to at least `floor`.
public struct RiskRule: Sendable, Codable, Hashable {
    /// One comparison of a feature with a constant; a missing (NaN) feature never satisfies it.
    public struct Condition: Sendable, Codable, Hashable {
        public enum Comparison: String, Sendable, Codable, Hashable { case atLeast, above, atMost, below }
        public var feature: RiskFeature
        public var comparison: Comparison
        public var value: Double

        public init(_ feature: RiskFeature, _ comparison: Comparison, _ value: Double) {
            self.feature = feature; self.comparison = comparison; self.value = value
        }

        public func holds(_ v: RiskFeatureVector) -> Bool {
            let x = v[feature]
            guard !x.isNaN else { return false }
            switch comparison {
            case .atLeast: return x >= value
            case .above: return x > value
            case .atMost: return x <= value
            case .below: return x < value
            }
        }
    }

    /// Stable identifier, stored as the fact's source ("avsAndCvvMismatch").
    public var name: String
    public var conditions: [Condition]
    /// Log-odds added to the rules' score when the rule fires.
    public var weight: Double
    /// The fact's sentence; `{feature}` is replaced by that feature's value ("{cardOrders1h} orders
    /// from this card in the last hour").
    public var fact: String
    /// The least level a subject gets when the rule fires.
    public var floor: RiskLevel

    public init(name: String, conditions: [Condition], weight: Double, fact: String, floor: RiskLevel) {
        self.name = name; self.conditions = conditions; self.weight = weight; self.fact = fact; self.floor = floor
    }

    /// True when every condition holds (a rule without conditions never fires).
    public func fires(on v: RiskFeatureVector) -> Bool {
        !conditions.isEmpty && conditions.allSatisfy { $0.holds(v) }
    }

    /// The fact sentence with `{feature}` placeholders filled from `v`.
    public func sentence(for v: RiskFeatureVector) -> String {
        guard fact.contains("{") else { return fact }
        var out = fact
        for f in RiskFeature.allCases where out.contains("{\(f.rawValue)}") {
            out = out.replacingOccurrences(of: "{\(f.rawValue)}", with: Self.format(v[f]))
        }
        return out
    }

    /// Whole numbers without decimals, others rounded to 2 places, NaN as "unknown" (no
    /// `String(format:)`: this runs on every scored order).
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "unknown" : (x > 0 ? "∞" : "-∞") }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let cents = (x * 100).rounded()
        let whole = Int64((abs(cents) / 100).rounded(.down))
        let frac = Int64(abs(cents).truncatingRemainder(dividingBy: 100))
        return (cents < 0 ? "-" : "") + String(whole) + "." + (frac < 10 ? "0" : "") + String(frac)
    }
}

/// A rule that fired, with its sentence for this subject.
public struct RiskRuleHit: Sendable, Hashable, Codable {
    public var rule: String
    public var weight: Double
    public var floor: RiskLevel
    public var fact: String

    public init(rule: String, weight: Double, floor: RiskLevel, fact: String) {
        self.rule = rule; self.weight = weight; self.floor = floor; self.fact = fact
    }

    /// The hit as a NEGATIVE fact.
    public var riskFact: RiskFact {
        RiskFact(description: fact, sentiment: weight >= 0 ? .negative : .positive, source: rule, contribution: weight)
    }
}
