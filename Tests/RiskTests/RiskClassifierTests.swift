import Foundation
import Testing
@testable import Risk
import TestSupport

@Suite("RiskClassifier")
struct RiskClassifierTests {
    /// Two columns; fraud when x + y/2 > 1.2 (separable), 3,000 rows.
    static func separable(seed: UInt64, count: Int) -> (rows: [Double], labels: [Bool]) {
        var rng = SplitMix(seed: seed)
        var rows: [Double] = [], labels: [Bool] = []
        for _ in 0..<count {
            let x = rng.uniform(), y = rng.uniform()
            rows += [x, y]
            labels.append(x + y / 2 > 1.2)
        }
        return (rows, labels)
    }

    static let options = RiskClassifierOptions(rounds: 60, maxDepth: 3, learningRate: 0.3, earlyStoppingRounds: 10)

    @Test("a separable problem is learnt: AUC > 0.95 on fresh rows")
    func separable() throws {
        let train = Self.separable(seed: 1, count: 3000), valid = Self.separable(seed: 2, count: 1000), test = Self.separable(seed: 3, count: 1000)
        let c = try RiskClassifier.train(rows: train.rows, columns: ["x", "y"], labels: train.labels,
                                         validation: (valid.rows, valid.labels), options: Self.options)
        let p = try c.probabilities(rows: test.rows)
        #expect(RiskMetrics.rocAUC(scores: p, labels: test.labels) > 0.95)
    }

    @Test("SHAP contributions plus bias sum to the logit of the probability; a round trip predicts the same")
    func shapAndSerialization() throws {
        let train = Self.separable(seed: 4, count: 2000), test = Self.separable(seed: 5, count: 200)
        let c = try RiskClassifier.train(rows: train.rows, columns: ["x", "y"], labels: train.labels, options: Self.options)
        let p = try c.probabilities(rows: test.rows)
        let contributions = try c.contributions(rows: test.rows)
        #expect(contributions.count == 200)
        for (row, q) in zip(contributions, p) {
            #expect(row.count == 3)
            // XGBoost's identity: Σ SHAP + bias = margin = logit(p); Float precision.
            #expect(abs(row.reduce(0, +) - log(q / (1 - q))) < 1e-3)
        }
        let loaded = try RiskClassifier(serialized: try c.serialized(), columns: c.columns)
        #expect(try loaded.probabilities(rows: test.rows) == p)
        #expect(try loaded.contributions(rows: test.rows) == contributions)
    }

    @Test("errors name the field")
    func errors() {
        #expect(throws: RiskModelError.invalidInput(field: "labels", reason: "0 frauds in the training window")) {
            try RiskClassifier.train(rows: [1, 2, 3, 4], columns: ["a", "b"], labels: [false, false])
        }
        #expect(throws: RiskModelError.self) {
            try RiskClassifier.train(rows: [1, 2, 3], columns: ["a", "b"], labels: [false, true])
        }
    }
}
