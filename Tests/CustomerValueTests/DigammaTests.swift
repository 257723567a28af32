@testable import CustomerValue
import Foundation
import Testing

/// ψ(x) against closed forms (A&S 6.3.2–6.3.4): ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2,
/// ψ(n) = −γ + Σ_{k<n} 1/k; γ = 0.57721566490153286.
@Suite struct DigammaTests {
    static let gamma = 0.57721566490153286

    @Test func closedForms() {
        #expect(abs(digamma(1) + Self.gamma) < 1e-13)
        #expect(abs(digamma(0.5) - (-Self.gamma - 2 * log(2.0))) < 1e-13)
        // ψ(10) = −γ + (1 + 1/2 + … + 1/9) = −0.5772156649 + 2.8289682540 = 2.2517525891.
        let harmonic = (1...9).reduce(0.0) { $0 + 1 / Double($1) }
        #expect(abs(digamma(10) - (-Self.gamma + harmonic)) < 1e-13)
        // ψ(x + 1) = ψ(x) + 1/x across the switch to the asymptotic series at 10.
        for x in [0.01, 0.3, 2.5, 5.5, 9.999, 17.25, 1234.5] {
            #expect(abs(digamma(x + 1) - digamma(x) - 1 / x) < 1e-12 * max(1, 1 / x))
        }
    }
}
