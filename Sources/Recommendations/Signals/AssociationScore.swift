/// Scores of the association a ⇒ b from basket counts: `n` baskets, `na` with a, `nb` with b,
/// `nab` with both.
///
/// - support = nab / n: how common the pair is.
/// - confidence = nab / na: how often a's baskets also hold b.
/// - lift = nab · n / (na · nb): confidence over b's base rate; 1 means independent.
/// - shrunk lift = lift · nab / (nab + λ): lift rewards rare items wildly (an item in 2 baskets,
///   both with b, has a huge lift from 2 observations), so it is multiplied by nab / (nab + λ),
///   the share of the evidence we trust. With λ = 5 a pair seen 5 times keeps half its lift, seen
///   50 times 91 %. Within one item's list n and na are fixed, so the order is by
///   nab² / ((nab + λ) · nb): frequent partners that are not merely popular.
public enum AssociationScore {
    public static func support(pair nab: Int, baskets n: Int) -> Double {
        n > 0 ? Double(nab) / Double(n) : 0
    }

    public static func confidence(pair nab: Int, antecedent na: Int) -> Double {
        na > 0 ? Double(nab) / Double(na) : 0
    }

    public static func lift(pair nab: Int, antecedent na: Int, consequent nb: Int, baskets n: Int) -> Double {
        na > 0 && nb > 0 ? Double(nab) * Double(n) / (Double(na) * Double(nb)) : 0
    }

    public static func shrunkLift(pair nab: Int, antecedent na: Int, consequent nb: Int, baskets n: Int,
                                  shrinkage λ: Double) -> Double {
        guard nab > 0 else { return 0 }
        return lift(pair: nab, antecedent: na, consequent: nb, baskets: n) * Double(nab) / (Double(nab) + max(λ, 0))
    }
}
