import Foundation
import Testing
@testable import Risk

@Suite("RiskFactWriter")
struct RiskFactWriterTests {
    @Test("raisers first (NEGATIVE, largest first), then lowerers (POSITIVE); small ones dropped; capped")
    func ordering() {
        let writer = RiskFactWriter(columns: ["a", "b", "c", "d", "e"], maximumFacts: 5, maximumLowering: 2, minimumContribution: 0.1) { i, v in
            "column \(i) is \(RiskRule.format(v))"
        }
        let facts = writer.facts(contributions: [0.5, -0.3, 0.05, 1.2, -0.8, 9 /* bias, ignored */], values: [1, 2, 3, 4, 5])
        #expect(facts.map(\.source) == ["d", "a", "e", "b"])
        #expect(facts.map(\.sentiment) == [.negative, .negative, .positive, .positive])
        #expect(facts[0].description == "column 3 is 4")
        #expect(facts[0].contribution == 1.2)
        var three = writer
        three.maximumFacts = 3
        // Lowerers keep their 2 slots; the one left goes to the largest raiser.
        #expect(three.facts(contributions: [0.5, -0.3, 0.05, 1.2, -0.8], values: [1, 2, 3, 4, 5]).map(\.source) == ["d", "e", "b"])
    }

    @Test("missing values are no reasons on their own: those that raised the score become one fact naming them")
    func missingValues() {
        let writer = RiskFactWriter(columns: ["a", "b", "c", "d"], maximumFacts: 5, maximumLowering: 2, minimumContribution: 0.1) { i, v in
            v.isNaN ? "Column \(i): not known" : "column \(i) is \(RiskRule.format(v))"
        }
        // b and c are missing: 0.4 + 0.3 = 0.7 raised the score, more than a's 0.5; d (missing) lowered it.
        let facts = writer.facts(contributions: [0.5, 0.4, 0.3, -0.6], values: [1, .nan, .nan, .nan])
        #expect(facts.map(\.source) == ["missing", "a"])
        #expect(facts[0].description == "Details most orders have are missing: column 1, column 2")
        #expect(abs(facts[0].contribution - 0.7) < 1e-12)
        #expect(facts.allSatisfy { $0.sentiment == .negative })
    }

    @Test("a feature that clearly drives the score is the first NEGATIVE fact of a trained model")
    func drivingFeature() throws {
        let asOf = Date(timeIntervalSince1970: 1_700_000_000 + 100 * 86_400)
        var options = RiskTrainingOptions(labelDelay: 0, holdoutDays: 20)
        options.classifier = RiskClassifierOptions(rounds: 80, maxDepth: 3, learningRate: 0.2, earlyStoppingRounds: 20)
        let (model, _) = try RiskTrainer.train(RiskTestData.examples(count: 2400, seed: 11), asOf: asOf, options: options)
        var v = RiskTestData.examples(count: 1, seed: 12)[0].features
        v[.amountToCustomerMean] = 9.9
        let a = try model.assess(v)
        let first = try #require(a.facts.first { $0.sentiment == .negative })
        #expect(first.source == RiskFeature.amountToCustomerMean.rawValue)
        #expect(first.description == RiskFeature.amountToCustomerMean.phrase(9.9))
        #expect(a.level >= .medium)
        // A low value of the driver lowers the score: it is named as a POSITIVE fact.
        v[.amountToCustomerMean] = 0.5
        let low = try model.assess(v)
        #expect(low.level == .low)
        #expect(low.facts.contains { $0.sentiment == .positive && $0.source == RiskFeature.amountToCustomerMean.rawValue })
    }
}
