import Testing
@testable import Recommendations

@Suite("Association scores")
struct AssociationScoreTests {
    @Test("n = 100, na = 10, nb = 20, nab = 5: support 0.05, confidence 0.5, lift 2.5, shrunk (λ = 5) 1.25")
    func handComputed() {
        #expect(AssociationScore.support(pair: 5, baskets: 100) == 0.05)
        #expect(AssociationScore.confidence(pair: 5, antecedent: 10) == 0.5)
        // lift = 5 · 100 / (10 · 20) = 2.5; shrunk = 2.5 · 5 / (5 + 5) = 1.25.
        #expect(AssociationScore.lift(pair: 5, antecedent: 10, consequent: 20, baskets: 100) == 2.5)
        #expect(AssociationScore.shrunkLift(pair: 5, antecedent: 10, consequent: 20, baskets: 100, shrinkage: 5) == 1.25)
        // λ = 0 leaves the lift; no pair scores 0; empty counts do not divide by zero.
        #expect(AssociationScore.shrunkLift(pair: 5, antecedent: 10, consequent: 20, baskets: 100, shrinkage: 0) == 2.5)
        #expect(AssociationScore.shrunkLift(pair: 0, antecedent: 10, consequent: 20, baskets: 100, shrinkage: 5) == 0)
        #expect(AssociationScore.lift(pair: 0, antecedent: 0, consequent: 0, baskets: 0) == 0)
    }

    @Test("Shrinkage puts a frequent partner ahead of a rare one with a higher raw lift")
    func rareItems() {
        // a in 100 of 1,000 baskets. b: in 200 baskets, 60 with a (lift 3). c: in 2 baskets, both with a (lift 10).
        let b = AssociationScore.shrunkLift(pair: 60, antecedent: 100, consequent: 200, baskets: 1_000, shrinkage: 5)
        let c = AssociationScore.shrunkLift(pair: 2, antecedent: 100, consequent: 2, baskets: 1_000, shrinkage: 5)
        #expect(abs(b - 3 * 60 / 65) < 1e-12)   // 2.769
        #expect(abs(c - 10 * 2 / 7) < 1e-12)    // 2.857 — still close: λ only damps, the minimum count filters
        #expect(AssociationScore.shrunkLift(pair: 2, antecedent: 100, consequent: 2, baskets: 1_000, shrinkage: 20) < b)
    }
}
