@testable import CustomerValue
import Testing

/// The ₂F₁ behind the BG/NBD-family and Pareto/NBD expressions, against values printed by mpmath
/// 1.3 (`mpmath.hyp2f1`), an independent arbitrary-precision implementation.
@Suite("Hypergeometric 2F1")
struct BGNBDHypergeometricTests {
    @Test(arguments: [
        (0.243, 2.426, 2.219, 0.88, 1.83854530511964),  // direct series region edge, BG/NBD E[X(t)] shape
        (0.243, 2.426, 2.219, 0.95, 2.44618667703099),  // 1 − z connection formula
        (180.5, 181.2, 181.5, 0.7, 1.6720706488104e+94),  // Γ(c) beyond Double: signed log-gamma ratios
        (1.2, 0.6, 2.2, 0.9, 1.75651933147828),
        (3.1, -0.207, 0.55, 0.3, 0.478408242037123),  // a negative parameter, as inside 15.3.6
    ])
    func agreesWithMpmath(a: Double, b: Double, c: Double, z: Double, expected: Double) {
        let value = Hypergeometric.f21(a, b, c, z)
        #expect(abs(value / expected - 1) < 1e-10)
    }

    @Test func zeroArgumentIsOne() {
        #expect(Hypergeometric.f21(2, 3, 4, 0) == 1)
        #expect(Hypergeometric.f21(2, 3, 4, 1).isNaN)
    }
}
