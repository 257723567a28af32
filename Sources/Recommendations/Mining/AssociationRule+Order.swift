extension AssociationRule {
    /// Higher lift first; ties by higher confidence, higher count, then items ascending — a
    /// total order, compared in integers, so every run lists rules the same way.
    public static func liftOrder(_ a: AssociationRule, _ b: AssociationRule) -> Bool {
        let measures = compareByLift(a, b)
        return measures != 0 ? measures < 0 : itemOrder(a, b)
    }

    /// Higher confidence first; ties by higher count, then items ascending.
    public static func confidenceOrder(_ a: AssociationRule, _ b: AssociationRule) -> Bool {
        let measures = compareByConfidence(a, b)
        return measures != 0 ? measures < 0 : itemOrder(a, b)
    }

    /// −1 when `a` has the higher lift (then confidence, then count), 1 when `b` has, 0 on a tie.
    public static func compareByLift(_ a: AssociationRule, _ b: AssociationRule) -> Int {
        // lift = c·N / (x·y): compare c₁·x₂·y₂ with c₂·x₁·y₁ (N is shared) in 192 bits.
        let left = product(a.count, b.antecedentCount, b.consequentCount)
        let right = product(b.count, a.antecedentCount, a.consequentCount)
        if left != right { return left > right ? -1 : 1 }
        return compareByConfidence(a, b)
    }

    /// −1 when `a` has the higher confidence (then count), 1 when `b` has, 0 on a tie.
    public static func compareByConfidence(_ a: AssociationRule, _ b: AssociationRule) -> Int {
        let left = a.count.multipliedFullWidth(by: b.antecedentCount), right = b.count.multipliedFullWidth(by: a.antecedentCount)
        if left != right { return (left.high, left.low) > (right.high, right.low) ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count > b.count ? -1 : 1)
    }

    private static func itemOrder(_ a: AssociationRule, _ b: AssociationRule) -> Bool {
        if a.antecedent != b.antecedent { return a.antecedent.lexicographicallyPrecedes(b.antecedent) }
        return a.consequent < b.consequent
    }

    private static func product(_ a: Int, _ b: Int, _ c: Int) -> Product {
        let ab = a.multipliedFullWidth(by: b)  // counts are ≥ 0, so ab.high ≥ 0
        let low = ab.low.multipliedFullWidth(by: UInt(c))
        let high = UInt(ab.high).multipliedFullWidth(by: UInt(c))
        // ab·c = high·2⁶⁴ + low, as three words.
        let (middle, carry) = high.low.addingReportingOverflow(low.high)
        return Product(top: high.high + (carry ? 1 : 0), middle: middle, bottom: low.low)
    }

    private struct Product: Equatable, Comparable {
        var top: UInt, middle: UInt, bottom: UInt
        static func < (a: Product, b: Product) -> Bool { (a.top, a.middle, a.bottom) < (b.top, b.middle, b.bottom) }
    }
}

extension Sequence<AssociationRule> {
    /// The rules by lift, highest first (see `AssociationRule.liftOrder`).
    public func sortedByLift() -> [AssociationRule] { sorted(by: AssociationRule.liftOrder) }

    /// The rules by confidence, highest first (see `AssociationRule.confidenceOrder`).
    public func sortedByConfidence() -> [AssociationRule] { sorted(by: AssociationRule.confidenceOrder) }
}
