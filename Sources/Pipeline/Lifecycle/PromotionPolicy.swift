/// What the training runner does with a candidate.
public enum PromotionDecision: Sendable, Hashable {
    /// Promote without a person; the reason holds the numbers.
    case promote(String)
    /// Make it the challenger and file a proposal for a person.
    case propose(String)

    public var reason: String {
        switch self {
        case .promote(let reason), .propose(let reason): reason
        }
    }
}

/// Auto-promotion: a candidate must beat the champion's holdout primary metric by a relative
/// margin (lower-is-better: cand ≤ champ·(1−margin); higher-is-better: cand ≥ champ·(1+margin)).
/// Anything unmeasured or not clearly better waits for a person.
public struct PromotionPolicy: Sendable, Hashable {
    /// Relative margin, 0.02 = 2 %.
    public var margin: Double

    public init(margin: Double = 0.02) {
        self.margin = margin
    }

    public func decide(candidate: Double?, champion: Double?, higherIsBetter: Bool) -> PromotionDecision {
        guard let candidate, candidate.isFinite else { return .propose("the candidate has no holdout value") }
        guard let champion, champion.isFinite else {
            return .propose("\(Self.format(candidate)) vs a champion without a holdout value")
        }
        let percent = Self.format(margin * 100, digits: 1) + " %"
        let pair = "\(Self.format(candidate)) vs champion \(Self.format(champion))"
        let better = higherIsBetter ? candidate >= champion * (1 + margin) : candidate <= champion * (1 - margin)
        return better ? .promote("\(pair): better by at least \(percent)") : .propose("\(pair): not better by \(percent)")
    }

    /// A number with at most `digits` decimals and no trailing zeros ("0.905", "2").
    static func format(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if text.contains("e") { return text }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
