/// Quintile RFM scores (1–5) within a customer base: recency (more recent scores higher),
/// frequency and monetary value (more scores higher), and the named segment.
///
/// Scores are by rank: among n customers the one at 0-based rank k (ascending in "goodness")
/// scores 1 + ⌊5k / n⌋, and tied values share the score of the first of them, so equal customers
/// never land in different quintiles.
public enum RFMScorer {
    /// One customer's inputs: days since the last purchase, number of purchases and total spend.
    public struct Input: Sendable, Hashable {
        public var daysSinceLastPurchase: Double
        public var purchases: Int
        public var spend: Double

        public init(daysSinceLastPurchase: Double, purchases: Int, spend: Double) {
            self.daysSinceLastPurchase = daysSinceLastPurchase; self.purchases = purchases; self.spend = spend
        }
    }

    public struct Score: Sendable, Hashable {
        public var recency: Int
        public var frequency: Int
        public var monetary: Int
        public var segment: RFMSegment
        /// "RFM" as three digits, e.g. "545".
        public var code: String { "\(recency)\(frequency)\(monetary)" }
    }

    public static func score(_ inputs: [Input]) throws -> [Score] {
        for (i, input) in inputs.enumerated() {
            guard input.daysSinceLastPurchase.isFinite, input.daysSinceLastPurchase >= 0 else {
                throw CustomerValueError.invalidParameter(name: "inputs[\(i)].daysSinceLastPurchase", reason: "must be finite and ≥ 0, got \(input.daysSinceLastPurchase)")
            }
            guard input.purchases >= 1 else {
                throw CustomerValueError.invalidParameter(name: "inputs[\(i)].purchases", reason: "must be at least 1, got \(input.purchases)")
            }
            guard input.spend.isFinite else {
                throw CustomerValueError.invalidParameter(name: "inputs[\(i)].spend", reason: "must be finite, got \(input.spend)")
            }
        }
        // Recency: fewer days is better, so rank on the negated value.
        let r = quintiles(inputs.map { -$0.daysSinceLastPurchase })
        let f = quintiles(inputs.map { Double($0.purchases) })
        let m = quintiles(inputs.map(\.spend))
        return try inputs.indices.map { i in
            Score(recency: r[i], frequency: f[i], monetary: m[i], segment: try RFMSegment(recencyScore: r[i], frequencyScore: f[i]))
        }
    }

    /// 1 + ⌊5k / n⌋ for the ascending rank k, ties sharing the first tied rank.
    static func quintiles(_ values: [Double]) -> [Int] {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        var scores = [Int](repeating: 1, count: n)
        var k = 0
        while k < n {
            var end = k
            while end + 1 < n && values[order[end + 1]] == values[order[k]] { end += 1 }
            let score = 1 + (5 * k) / n
            for j in k...end { scores[order[j]] = score }
            k = end + 1
        }
        return scores
    }
}
