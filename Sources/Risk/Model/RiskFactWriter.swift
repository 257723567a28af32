/// Turns one row's SHAP contributions into facts a person can check.
///
/// A positive contribution (in log-odds) raised the fraud score: a NEGATIVE fact in Shopify's
/// terms; a negative one lowered it: a POSITIVE fact. The largest raisers come first, then the
/// largest lowerers; contributions smaller than `minimumContribution` are dropped (they move the
/// probability by a few percent of itself at most and would bury the reasons that matter).
public struct RiskFactWriter: Sendable {
    public let columns: [String]
    /// Words for a column's value: (column index, value) → "7 orders from this card in the last hour".
    public let words: @Sendable (Int, Double) -> String
    public var maximumFacts: Int
    /// At most this many POSITIVE (score-lowering) facts among `maximumFacts`.
    public var maximumLowering: Int
    /// The least |SHAP| in log-odds for a fact.
    public var minimumContribution: Double

    public init(columns: [String], maximumFacts: Int = 5, maximumLowering: Int = 2, minimumContribution: Double = 0.1,
                words: @escaping @Sendable (Int, Double) -> String) {
        self.columns = columns; self.words = words
        self.maximumFacts = maximumFacts; self.maximumLowering = maximumLowering; self.minimumContribution = minimumContribution
    }

    /// Facts for the `RiskFeature` columns, worded by `RiskFeature.phrase`.
    public static func standard(maximumFacts: Int = 5) -> RiskFactWriter {
        let features = RiskFeature.allCases
        return RiskFactWriter(columns: RiskFeature.columnNames, maximumFacts: maximumFacts) { i, v in
            features.indices.contains(i) ? features[i].phrase(v) : Self.plainWords("column \(i)", v)
        }
    }

    /// "name: value" (whole numbers without decimals, others to 2 places; NaN as "unknown"),
    /// for columns without their own words.
    public static func plainWords(_ name: String, _ value: Double) -> String {
        "\(name): \(RiskRule.format(value))"
    }

    /// Facts for one row: `contributions` has one value per column (a trailing bias is ignored),
    /// `values` the row's feature values.
    public func facts(contributions: [Double], values: [Double]) -> [RiskFact] {
        let n = min(columns.count, contributions.count, values.count)
        var raised: [(Int, Double)] = [], lowered: [(Int, Double)] = []
        // A missing value is no reason a person can check ("cards used: not known"): missing
        // features that raised the score are summed into one fact that names what was missing.
        var missing: [Int] = [], missingTotal = 0.0
        for i in 0..<n {
            let c = contributions[i]
            guard c.isFinite else { continue }
            if values[i].isNaN {
                if c > 0 { missing.append(i); missingTotal += c }
                continue
            }
            guard abs(c) >= minimumContribution else { continue }
            if c > 0 { raised.append((i, c)) } else { lowered.append((i, c)) }
        }
        if missingTotal >= minimumContribution, !missing.isEmpty {
            raised.append((-1, missingTotal))
        }
        raised.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        lowered.sort { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        // Lowering facts get at most `maximumLowering` slots; raising facts take the rest.
        let lowering = min(lowered.count, maximumLowering, maximumFacts)
        let raising = min(raised.count, maximumFacts - lowering)
        var facts: [RiskFact] = []
        for (i, c) in raised.prefix(raising) {
            guard i >= 0 else {
                let names = missing.sorted { contributions[$0] > contributions[$1] }.prefix(4).map { Self.missingName(words($0, .nan)) }
                facts.append(RiskFact(description: "Details most orders have are missing: " + names.joined(separator: ", "),
                                      sentiment: .negative, source: "missing", contribution: c))
                continue
            }
            facts.append(RiskFact(description: words(i, values[i]), sentiment: .negative, source: columns[i], contribution: c))
        }
        for (i, c) in lowered.prefix(min(lowering, maximumFacts - facts.count)) {
            facts.append(RiskFact(description: words(i, values[i]), sentiment: .positive, source: columns[i], contribution: c))
        }
        return facts
    }

    /// "Cards used: not known" → "cards used".
    static func missingName(_ phrase: String) -> String {
        var name = phrase
        if let colon = name.range(of: ":", options: .backwards) { name = String(name[..<colon.lowerBound]) }
        return name.prefix(1).lowercased() + name.dropFirst()
    }
}
