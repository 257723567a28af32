import Foundation
import Testing
@testable import Risk

@Suite("RiskTrainer")
struct RiskTrainerTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let day: TimeInterval = 86_400
    static var quickOptions: RiskTrainingOptions {
        var o = RiskTrainingOptions(labelDelay: 30 * day, holdoutDays: 20)
        o.classifier = RiskClassifierOptions(rounds: 60, maxDepth: 3, learningRate: 0.2, earlyStoppingRounds: 15)
        return o
    }

    @Test("label delay: examples inside the delay are excluded; a fraud labelled after asOf trains as genuine")
    func labelDelay() throws {
        // One example an hour for 100 days; asOf = day 100, delay 30 d → cutoff day 70;
        // holdout = days 50…70 (480 examples), training = days 0…50 (1,200), excluded = days 70…100 (720).
        var examples = RiskTestData.examples(count: 2400, seed: 21)
        let asOf = Self.start.addingTimeInterval(100 * Self.day)
        // A fraud on day 10 whose chargeback arrives a day after asOf: genuine as far as the shop knew.
        examples[240].fraud = true
        examples[240].labelKnownAt = asOf.addingTimeInterval(Self.day)
        // A fraud on day 12 whose chargeback came a day before asOf: known.
        examples[288].fraud = true
        examples[288].labelKnownAt = asOf.addingTimeInterval(-Self.day)
        #expect(!examples[240].label(asOf: asOf))
        #expect(examples[288].label(asOf: asOf))

        let cutoff = asOf.addingTimeInterval(-30 * Self.day)
        let trainable = examples.filter { $0.at < cutoff }
        let knownFrauds = trainable.count { $0.fraud } - 1
        let (model, e) = try RiskTrainer.train(examples, asOf: asOf, options: Self.quickOptions)
        #expect(e.excludedByDelay == 720)
        #expect(e.trainRows == 1200)
        #expect(e.holdoutRows == 480)
        #expect(e.labelsNotYetKnown == 1)
        #expect(e.frauds == knownFrauds)
        #expect(e.holdoutFrauds == examples[1200..<1680].count { $0.fraud })
        #expect(e.auc > 0.9)
        #expect(model.metadata.cutoff == cutoff)
        #expect(model.metadata.evaluation == e)
    }

    @Test("a holdout with few frauds grows back in time to 20 frauds; with under 10 no early stopping")
    func holdoutGrowsToEnoughFrauds() throws {
        // One example an hour for 100 days; cutoff day 70; the nominal holdout is days 50…70.
        // Keep only 2 frauds in it: the holdout must then reach back to the 18th-newest fraud before day 50.
        var examples = RiskTestData.examples(count: 2400, seed: 23)
        let asOf = Self.start.addingTimeInterval(100 * Self.day)
        var keptInWindow = 0
        for i in 1200..<1680 where examples[i].fraud {
            keptInWindow += 1
            if keptInWindow > 2 { examples[i].fraud = false }
        }
        let earlierFrauds = (0..<1200).filter { examples[$0].fraud }
        #expect(earlierFrauds.count >= 18)
        let expectedStart = earlierFrauds[earlierFrauds.count - 18]
        let (_, e) = try RiskTrainer.train(examples, asOf: asOf, options: Self.quickOptions)
        #expect(e.holdoutFrauds == 20)
        #expect(e.holdoutRows == 1680 - expectedStart)
        #expect(e.trainRows == expectedStart)

        // The same 2 frauds with growth switched off: too few to choose rounds, all 60 trees kept.
        var fixed = Self.quickOptions
        fixed.minimumHoldoutFrauds = 0
        let (model, few) = try RiskTrainer.train(examples, asOf: asOf, options: fixed)
        #expect(few.holdoutFrauds == 2)
        #expect(few.holdoutRows == 480)
        #expect(model.classifier.rounds == 60)
    }

    @Test("frauds whose labels all arrive after asOf leave nothing to learn: the error names labels")
    func lateLabels() {
        var examples = RiskTestData.examples(count: 2400, seed: 22)
        let asOf = Self.start.addingTimeInterval(100 * Self.day)
        for i in examples.indices where examples[i].fraud { examples[i].labelKnownAt = asOf.addingTimeInterval(1) }
        #expect {
            try RiskTrainer.train(examples, asOf: asOf, options: Self.quickOptions)
        } throws: { error in
            guard case let RiskModelError.invalidInput(field, reason) = error else { return false }
            return field == "labels" && reason.hasPrefix("0 frauds in the training window")
        }
        // Nothing before the cutoff at all.
        #expect(throws: RiskModelError.self) {
            try RiskTrainer.train(examples, asOf: Self.start.addingTimeInterval(10 * Self.day), options: Self.quickOptions)
        }
    }

    @Test("thresholds keep the holdout's HIGH share within capacity")
    func capacity() throws {
        let examples = RiskTestData.examples(count: 2400, seed: 23)
        let asOf = Self.start.addingTimeInterval(100 * Self.day)
        let (model, e) = try RiskTrainer.train(examples, asOf: asOf, options: Self.quickOptions)
        let holdout = examples[1200..<1680].map(\.features)
        let levels = try model.assess(batch: Array(holdout)).map(\.level)
        // 1 % of 480 = 4.8 → at most 4 HIGH (no rule fires on this data).
        #expect(levels.count { $0 == .high } <= 4)
        #expect(levels.count { $0 >= .medium } <= 24)
        #expect(e.precisionAtCapacity > 0)
    }

    @Test("refit on all trainable examples keeps the chosen number of trees")
    func refit() throws {
        let examples = RiskTestData.examples(count: 2400, seed: 24)
        let asOf = Self.start.addingTimeInterval(100 * Self.day)
        let kept = try RiskTrainer.train(examples, asOf: asOf, options: Self.quickOptions)
        var options = Self.quickOptions
        options.refitOnAll = true
        let refit = try RiskTrainer.train(examples, asOf: asOf, options: options)
        #expect(refit.model.classifier.rounds == kept.model.classifier.rounds)
        #expect(refit.evaluation.rounds == kept.evaluation.rounds)
        #expect(refit.model.thresholds == kept.model.thresholds)
    }
}
