/// Cuts on the calibrated probability that map a score to Shopify's risk level.
///
/// Set from a review capacity: "at most 1 % of orders HIGH, at most 5 % MEDIUM or HIGH" on the
/// probabilities of a recent holdout, so the queue a person works through stays the size the shop
/// can review, whatever the fraud rate.
public struct RiskThresholds: Sendable, Codable, Hashable {
    /// Probability at or above which a subject is MEDIUM.
    public var medium: Double
    /// Probability at or above which a subject is HIGH.
    public var high: Double

    public init(medium: Double, high: Double) {
        self.medium = medium; self.high = high
    }

    /// Fixed cuts for a shop without a trained model's holdout.
    public static let standard = RiskThresholds(medium: 0.3, high: 0.7)

    /// HIGH at or above `high`, MEDIUM at or above `medium`, else LOW; NONE for NaN (nothing to score).
    public func level(_ probability: Double) -> RiskLevel {
        if probability.isNaN { return .none }
        if probability >= high { return .high }
        if probability >= medium { return .medium }
        return .low
    }

    /// Cuts such that at most `highShare` of `probabilities` are HIGH and at most `mediumShare`
    /// are MEDIUM or HIGH (shares are cumulative, so `mediumShare` ≥ `highShare`).
    ///
    /// Each cut lies halfway between the last flagged and the first unflagged probability, so a
    /// new score equal to neither falls on the side of its nearer neighbour. Ties at the boundary
    /// are left unflagged: the share is an upper bound. NaN probabilities are ignored.
    public static func fromReviewCapacity(probabilities: [Double], highShare: Double, mediumShare: Double) -> RiskThresholds {
        let sorted = probabilities.filter { !$0.isNaN }.sorted(by: >)
        let high = cut(sorted, share: highShare)
        let medium = min(cut(sorted, share: max(mediumShare, highShare)), high)
        return RiskThresholds(medium: medium, high: high)
    }

    /// The smallest cut flagging at most ⌊share · n⌋ of `sorted` (descending).
    private static func cut(_ sorted: [Double], share: Double) -> Double {
        guard !sorted.isEmpty else { return 1 }
        let k = Int((max(0, min(1, share)) * Double(sorted.count)).rounded(.down))
        if k >= sorted.count { return sorted[sorted.count - 1] }
        let v = sorted[k]  // the largest probability that must stay unflagged
        // The smallest probability above v, if any: flagged ones are those strictly above v.
        var above: Double?
        var i = k - 1
        while i >= 0 { if sorted[i] > v { above = sorted[i]; break }; i -= 1 }
        guard let above else { return v.nextUp }
        return v + (above - v) / 2 > v ? v + (above - v) / 2 : above
    }
}
