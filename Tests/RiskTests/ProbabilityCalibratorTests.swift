import Testing
@testable import Risk
import TestSupport

@Suite("ProbabilityCalibrator")
struct ProbabilityCalibratorTests {
    @Test("pool-adjacent-violators on a hand example")
    func pav() {
        // Labels by score 0.1…0.6: 0, 1, 0, 0, 1, 1. By hand: 1 then 0 violate → pool {0.2, 0.3} = 1/2;
        // the next 0 violates 1/2 → pool {0.2, 0.3, 0.4} = 1/3; {0.5} = 1 and {0.6} = 1 are equal → pooled.
        // Blocks: {0.1} → 0, {0.2, 0.3, 0.4} → 1/3, {0.5, 0.6} → 1 (scikit-learn's IsotonicRegression
        // gives the same fitted values 0, ⅓, ⅓, ⅓, 1, 1).
        let c = ProbabilityCalibrator.isotonic([0.6, 0.1, 0.3, 0.2, 0.5, 0.4], [true, false, false, true, true, false])
        #expect(c.method == .isotonic)
        #expect(c.values.count == 3)
        #expect(abs(c.values[0]) < 1e-12 && abs(c.values[1] - 1.0 / 3) < 1e-12 && abs(c.values[2] - 1) < 1e-12)
        #expect(abs(c.knots[0] - 0.1) < 1e-12 && abs(c.knots[1] - 0.3) < 1e-12 && abs(c.knots[2] - 0.55) < 1e-12)
        // At a block centre: the block's rate; between centres: linear; outside: the end values.
        #expect(abs(c(0.3) - 1.0 / 3) < 1e-12)
        #expect(abs(c(0.2) - 1.0 / 6) < 1e-12)
        #expect(c(0.0) == 0 && c(0.9) == 1)
        #expect(c(.nan).isNaN)
    }

    @Test("isotonic fit is monotone on noisy data")
    func monotone() {
        var rng = SplitMix(seed: 7)
        var scores: [Double] = [], labels: [Bool] = []
        for _ in 0..<2000 {
            let s = rng.uniform()
            scores.append(s)
            labels.append(rng.uniform() < s * s)
        }
        let c = ProbabilityCalibrator.fit(scores: scores, labels: labels)
        #expect(c.method == .isotonic)
        var previous = -1.0
        for i in 0...1000 {
            let p = c(Double(i) / 1000)
            #expect(p >= previous)
            #expect(p >= 0 && p <= 1)
            previous = p
        }
        // s² is the true rate: at 0.7 it is 0.49.
        #expect(abs(c(0.7) - 0.49) < 0.1)
    }

    @Test("Platt fallback with one class stays finite: Platt's target 1/(N₋+2) everywhere")
    func plattOneClass() {
        let scores = (0..<20).map { Double($0) / 20 }
        let c = ProbabilityCalibrator.fit(scores: scores, labels: Array(repeating: false, count: 20))
        #expect(c.method == .platt)
        // All targets equal 1/22, so the best fit is the constant 1/22 (slope 0).
        for s in [0.0, 0.3, 0.99] { #expect(abs(c(s) - 1.0 / 22) < 1e-6) }
    }

    @Test("Platt with few frauds is increasing in the score")
    func plattFew() {
        let scores = (0..<100).map { Double($0) / 100 }
        let labels = (0..<100).map { [55, 80, 90, 95].contains($0) }
        let c = ProbabilityCalibrator.fit(scores: scores, labels: labels)
        #expect(c.method == .platt)
        #expect(c(0.9) > c(0.5) && c(0.5) > c(0.1))
        // scipy.optimize.minimize (BFGS, gtol 1e-10) of Σ log(1 + e^f) − t·f, f = a·logit(s) + b, with
        // Platt's targets 5/6 and 1/98: a = 0.45967136970926836, b = -3.3617439788593675;
        // σ(a·logit(0.1) + b) = 0.012471673731200004, at 0.5: 0.03351269054351496, at 0.9: 0.0869273492143109.
        #expect(abs(c.a - 0.45967136970926836) < 1e-5)
        #expect(abs(c.b - -3.3617439788593675) < 1e-5)
        #expect(abs(c(0.1) - 0.012471673731200004) < 1e-7)
        #expect(abs(c(0.5) - 0.03351269054351496) < 1e-7)
        #expect(abs(c(0.9) - 0.0869273492143109) < 1e-7)
    }
}
