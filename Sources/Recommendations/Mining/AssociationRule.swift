/// An association rule X ⇒ y with a one-item consequent (as arules' `apriori` builds them),
/// with the counts its measures come from (Agrawal, Imieliński & Swami 1993; lift as in Brin
/// et al. 1997).
public struct AssociationRule: Sendable, Hashable {
    /// X: distinct items, ascending; never empty.
    public var antecedent: [Int32]
    /// y, not in X.
    public var consequent: Int32
    /// Baskets holding X ∪ {y}.
    public var count: Int
    /// Baskets holding X.
    public var antecedentCount: Int
    /// Baskets holding y.
    public var consequentCount: Int
    /// All baskets mined.
    public var basketCount: Int

    public init(antecedent: [Int32], consequent: Int32, count: Int, antecedentCount: Int, consequentCount: Int, basketCount: Int) {
        self.antecedent = antecedent
        self.consequent = consequent
        self.count = count
        self.antecedentCount = antecedentCount
        self.consequentCount = consequentCount
        self.basketCount = basketCount
    }

    /// P(X ∪ y): the share of baskets holding the whole rule.
    public var support: Double { Double(count) / Double(basketCount) }
    /// P(y | X).
    public var confidence: Double { Double(count) / Double(antecedentCount) }
    /// P(y | X) / P(y): how much more often y is bought with X than at all.
    public var lift: Double { Double(count) * Double(basketCount) / (Double(antecedentCount) * Double(consequentCount)) }
    /// P(X): the share of baskets the rule applies to.
    public var coverage: Double { Double(antecedentCount) / Double(basketCount) }

    /// Whether confidence ≥ `fraction`, decided in integers (no float trouble at 0.8 = 4/5).
    public func hasConfidence(atLeast fraction: Double) -> Bool {
        Threshold.reaches(count, of: antecedentCount, fraction: Threshold.parts(fraction))
    }

    /// Whether confidence > `fraction`, decided in integers.
    public func hasConfidence(above fraction: Double) -> Bool {
        let left = count.multipliedFullWidth(by: Threshold.scale)
        let right = Threshold.parts(fraction).multipliedFullWidth(by: antecedentCount)
        return (left.high, left.low) > (right.high, right.low)
    }
}
