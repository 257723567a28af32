import Boosting
import Foundation
import Testing

/// Hand-checkable behaviour of the XGBoost wrapper on tiny datasets.
@Suite struct BoosterTests {
    /// Parameters that make one tree's arithmetic easy to follow: no shrinkage, no regularisation.
    private func plain(_ objective: BoosterParameters.Objective = .squaredError) -> BoosterParameters {
        var p = BoosterParameters()
        p.objective = objective
        p.learningRate = 1
        p.lambda = 0
        p.minChildWeight = 0
        p.rounds = 1
        return p
    }

    @Test func linksXGBoost174() {
        #expect(xgboostVersion() == "1.7.4")
    }

    /// A stump on x = 1…6, y = 1,1,1,5,5,5 with base score 0 and squared error: every gradient is
    /// g = −y, every hessian 1, so a split's score is G_L²/n_L + G_R²/n_R.
    /// Split 3|4: 3²/3 + 15²/3 = 78; 2|3: 2²/2 + 16²/4 = 66; 4|5: 8²/4 + 10²/2 = 66; 1|2: 1 + 18²/5 = 65.8;
    /// 5|6: 11²/5 + 25 = 49.2. So the tree splits between 3 and 4, and the leaves are −G/H: 1 and 5.
    @Test func stumpLearnsTheHandComputedSplit() throws {
        var p = plain()
        p.maxDepth = 1
        p.baseScore = 0
        let x: [Float] = [1, 2, 3, 4, 5, 6]
        let y: [Float] = [1, 1, 1, 5, 5, 5]
        let booster = try Booster.train(p, on: FeatureMatrix(values: x, rows: 6, columns: 1, labels: y))
        let test = try FeatureMatrix(values: [0, 1, 3, 4, 6, 100], rows: 6, columns: 1)
        #expect(try booster.predict(test) == [1, 1, 1, 5, 5, 5])
        #expect(booster.rounds == 1)
    }

    /// With a feature that cannot split, base score 0.5, eta 1 and lambda 0, one round adds the leaf
    /// −G/H = Σ(y − 0.5)/n, so the prediction is the mean: (1 + 2 + 3 + 6)/4 = 3.
    @Test func oneRoundWithEtaOnePredictsTheMean() throws {
        var p = plain()
        p.baseScore = 0.5
        let m = try FeatureMatrix(values: [7, 7, 7, 7], rows: 4, columns: 1, labels: [1, 2, 3, 6])
        let booster = try Booster.train(p, on: m)
        for value in try booster.predict(m) { #expect(abs(value - 3) < 1e-6) }
        let constant = try FeatureMatrix(values: [1, 2, 3, 4], rows: 4, columns: 1, labels: [2.5, 2.5, 2.5, 2.5])
        for value in try Booster.train(p, on: constant).predict(constant) { #expect(abs(value - 2.5) < 1e-6) }
    }

    @Test func tweediePredictionsArePositive() throws {
        var p = BoosterParameters()
        p.objective = .tweedie
        p.tweedieVariancePower = 1.2
        p.rounds = 30
        p.maxDepth = 3
        // Counts that are mostly zero on one side of x and larger on the other.
        var x: [Float] = [], y: [Float] = []
        for i in 0..<200 {
            x.append(Float(i % 20))
            y.append(i % 20 < 10 ? (i % 7 == 0 ? 1 : 0) : Float(i % 5))
        }
        let booster = try Booster.train(p, on: FeatureMatrix(values: x, rows: 200, columns: 1, labels: y))
        let predictions = try booster.predict(FeatureMatrix(values: (0..<40).map { Float($0) - 10 }, rows: 40, columns: 1))
        #expect(predictions.allSatisfy { $0 > 0 })
        // The margin is the log of the mean (Tweedie's log link).
        let margins = try booster.predict(FeatureMatrix(values: [2, 15], rows: 2, columns: 1), margin: true)
        let means = try booster.predict(FeatureMatrix(values: [2, 15], rows: 2, columns: 1))
        for i in 0..<2 { #expect(abs(exp(Double(margins[i])) - Double(means[i])) < 1e-4 * Double(means[i])) }
    }

    @Test func saveAndLoadGiveIdenticalPredictions() throws {
        var p = BoosterParameters()
        p.objective = .tweedie
        p.rounds = 20
        p.subsample = 0.8
        p.seed = 7
        let (x, y) = Self.sample(rows: 300)
        let m = try FeatureMatrix(values: x, rows: 300, columns: 3, labels: y)
        let booster = try Booster.train(p, on: m)
        let bytes = try booster.modelBytes()
        #expect(bytes.first == UInt8(ascii: "{"))
        let loaded = try Booster(modelBytes: bytes, threads: 2)
        #expect(try loaded.predict(m) == booster.predict(m))
        #expect(loaded.rounds == 20)
    }

    @Test func sameSeedGivesTheSameModel() throws {
        var p = BoosterParameters()
        p.rounds = 15
        p.subsample = 0.7
        p.columnSampleByTree = 0.7
        p.seed = 3
        p.threads = 2
        let (x, y) = Self.sample(rows: 300)
        let m = try FeatureMatrix(values: x, rows: 300, columns: 3, labels: y)
        #expect(try Booster.train(p, on: m).predict(m) == Booster.train(p, on: m).predict(m))
    }

    @Test func badParametersAreNamed() throws {
        let m = try FeatureMatrix(values: [1, 2], rows: 2, columns: 1, labels: [1, 2])
        var p = BoosterParameters()
        p.tweedieVariancePower = 2.5
        #expect(throws: BoostingError.invalidParameter(name: "tweedie_variance_power", reason: "must be in [1, 2), got 2.5")) {
            try Booster.train(p, on: m)
        }
        // A value only XGBoost can judge: its own message names the parameter.
        p = BoosterParameters()
        p.extra = ["grow_policy": "sideways"]
        do {
            _ = try Booster.train(p, on: m)
            Issue.record("expected an error")
        } catch let BoostingError.invalidParameter(name, reason) {
            #expect(name == "grow_policy")
            #expect(reason.contains("sideways"))
            #expect("\(BoostingError.invalidParameter(name: name, reason: reason))".hasPrefix("grow_policy: "))
        }
        #expect(throws: BoostingError.shapeMismatch(field: "labels", expected: 2, got: 3)) {
            try FeatureMatrix(values: [1, 2], rows: 2, columns: 1, labels: [1, 2, 3])
        }
    }

    @Test func shapContributionsSumToTheMargin() throws {
        var p = BoosterParameters()
        p.objective = .tweedie
        p.rounds = 25
        p.maxDepth = 4
        let (x, y) = Self.sample(rows: 200)
        let m = try FeatureMatrix(values: x, rows: 200, columns: 3, labels: y)
        let booster = try Booster.train(p, on: m)
        let margins = try booster.predict(m, margin: true)
        let contributions = try booster.contributions(m)
        #expect(contributions.count == 200 * 4)
        for r in 0..<200 {
            let sum = (0..<4).reduce(Float(0)) { $0 + contributions[r * 4 + $1] }
            #expect(abs(sum - margins[r]) < 1e-4)
        }
        // The third feature is pure noise with no signal; the first carries most of it.
        let share = (0..<3).map { c in (0..<200).reduce(Float(0)) { $0 + abs(contributions[$1 * 4 + c]) } }
        #expect(share[0] > share[2])
    }

    @Test func earlyStoppingKeepsTheBestRound() throws {
        var p = BoosterParameters()
        p.rounds = 200
        p.learningRate = 0.5
        p.earlyStoppingRounds = 5
        p.evalMetric = "rmse"
        let (x, y) = Self.sample(rows: 400)
        let train = try FeatureMatrix(values: Array(x[0..<900]), rows: 300, columns: 3, labels: Array(y[0..<300]))
        let valid = try FeatureMatrix(values: Array(x[900...]), rows: 100, columns: 3, labels: Array(y[300...]))
        let booster = try Booster.train(p, on: train, validation: valid)
        let best = try #require(booster.bestIteration)
        #expect(booster.rounds == best + 1)
        #expect(booster.validationHistory.count <= best + 1 + 5)
        #expect(booster.validationHistory[best] == booster.validationHistory.min())
        #expect(try Booster(modelBytes: booster.modelBytes()).bestIteration == best)
        // NaN is missing, not a value: prediction still works.
        #expect(try booster.predict(FeatureMatrix(values: [.nan, 1, .nan], rows: 1, columns: 3)).count == 1)
    }

    /// A deterministic dataset: y is a count that rises with x0, falls with x1; x2 is noise.
    static func sample(rows: Int) -> (x: [Float], y: [Float]) {
        var state: UInt64 = 42
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        var x: [Float] = [], y: [Float] = []
        for _ in 0..<rows {
            let a = next(), b = next(), c = next()
            x += [a, b, c]
            y.append(Float(Int(6 * a * a + 2 * (1 - b) + next() * 1.5)))
        }
        return (x, y)
    }
}
