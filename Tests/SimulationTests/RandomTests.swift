import Foundation
@testable import Simulation
import Testing

/// The samplers against their closed-form moments.
@Suite("Random")
struct RandomTests {
    static let draws = 200_000

    func moments(_ draw: (inout Xoshiro256StarStar) -> Double) -> (mean: Double, variance: Double) {
        var rng = Xoshiro256StarStar(seed: 12_345)
        var sum = 0.0, squares = 0.0
        for _ in 0..<Self.draws {
            let x = draw(&rng)
            sum += x
            squares += x * x
        }
        let mean = sum / Double(Self.draws)
        return (mean, squares / Double(Self.draws) - mean * mean)
    }

    @Test("xoshiro256** is reproducible and streams differ")
    func reproducible() {
        var a = Xoshiro256StarStar(seed: 1), b = Xoshiro256StarStar(seed: 1), c = Xoshiro256StarStar(seed: 1, stream: 2)
        let xs = (0..<8).map { _ in a.next() }
        #expect(xs == (0..<8).map { _ in b.next() })
        #expect(xs != (0..<8).map { _ in c.next() })
    }

    @Test("uniform: mean 1/2, variance 1/12")
    func uniform() {
        let m = moments { $0.uniform() }
        #expect(abs(m.mean - 0.5) < 0.005)
        #expect(abs(m.variance - 1.0 / 12) < 0.002)
    }

    @Test("normal: mean 0, variance 1")
    func normal() {
        let m = moments { $0.normal() }
        #expect(abs(m.mean) < 0.01)
        #expect(abs(m.variance - 1) < 0.02)
    }

    @Test("gamma(k, θ): mean kθ, variance kθ²", arguments: [0.55, 1.0, 4.0])
    func gamma(shape: Double) {
        let m = moments { $0.gamma(shape: shape, scale: 2) }
        #expect(abs(m.mean - 2 * shape) / (2 * shape) < 0.02)
        #expect(abs(m.variance - 4 * shape) / (4 * shape) < 0.05)
    }

    @Test("Poisson(λ): mean and variance λ, small and large λ", arguments: [0.3, 4.2, 29.0, 31.0, 250.0])
    func poisson(lambda: Double) {
        let m = moments { Double($0.poisson(mean: lambda)) }
        #expect(abs(m.mean - lambda) / lambda < 0.02)
        #expect(abs(m.variance - lambda) / lambda < 0.05)
    }

    @Test("beta(a, b): mean a / (a + b)")
    func beta() {
        let m = moments { $0.beta(1.2, 4) }
        #expect(abs(m.mean - 1.2 / 5.2) < 0.005)
    }

    @Test("geometric(p): mean (1 − p) / p failures")
    func geometric() {
        let m = moments { Double($0.geometric(0.2)) }
        #expect(abs(m.mean - 4) < 0.08)
    }

    @Test("negative binomial(mean μ, shape r): variance μ + μ²/r")
    func negativeBinomial() {
        let m = moments { Double($0.negativeBinomial(mean: 3, shape: 2)) }
        #expect(abs(m.mean - 3) < 0.05)
        #expect(abs(m.variance - 7.5) / 7.5 < 0.05)
    }

    @Test("bounded integers are uniform over the range")
    func boundedInt() {
        var rng = Xoshiro256StarStar(seed: 9)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[rng.int(below: 7)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
    }

    @Test("alias tables draw in proportion to the weights, zero weights never")
    func aliasTable() {
        let weights = [5.0, 0, 1, 3, 1]
        let table = AliasTable(weights: weights)
        var rng = Xoshiro256StarStar(seed: 3)
        var counts = [Int](repeating: 0, count: weights.count)
        for _ in 0..<100_000 { counts[table.sample(&rng)] += 1 }
        #expect(counts[1] == 0)
        for (i, w) in weights.enumerated() where w > 0 {
            #expect(abs(Double(counts[i]) / 100_000 - w / 10) < 0.01)
        }
    }
}
