import Foundation
import Testing
@testable import Risk

@Suite("RiskModel")
struct RiskModelTests {
    static func trained() throws -> RiskModel {
        let asOf = Date(timeIntervalSince1970: 1_700_000_000 + 100 * 86_400)
        var o = RiskTrainingOptions(labelDelay: 0, holdoutDays: 20)
        o.classifier = RiskClassifierOptions(rounds: 80, maxDepth: 3, learningRate: 0.2, earlyStoppingRounds: 20)
        return try RiskTrainer.train(RiskTestData.examples(count: 2400, seed: 31), asOf: asOf, options: o).model
    }

    @Test("a serialized model assesses identically after loading")
    func roundTrip() throws {
        let model = try Self.trained()
        let vectors = RiskTestData.examples(count: 50, seed: 32).map(\.features)
        let loaded = try RiskModel(serialized: try model.serialized())
        #expect(try loaded.assess(batch: vectors) == model.assess(batch: vectors))
        #expect(loaded.thresholds == model.thresholds)
        #expect(loaded.calibrator == model.calibrator)
        #expect(loaded.metadata == model.metadata)
        #expect(try model.assess(batch: []).isEmpty)
    }

    @Test("a model stored with other columns is refused, naming the columns")
    func otherColumns() throws {
        let bytes = try Self.trained().serialized()
        var json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        json["columns"] = Array((json["columns"] as! [String]).dropLast()) + ["retiredFeature"]
        let changed = try JSONSerialization.data(withJSONObject: json)
        #expect {
            try RiskModel(serialized: Array(changed))
        } throws: { error in
            guard case let RiskModelError.invalidInput(field, reason) = error else { return false }
            return field == "columns" && reason.contains("retiredFeature") && reason.contains(RiskFeature.allCases.last!.rawValue)
        }
        #expect(throws: RiskModelError.self) { try RiskModel(serialized: Array("{}".utf8)) }
    }

    @Test("level is the higher of the model's and the rules' floors; rule facts come first")
    func ruleFloor() throws {
        let model = try Self.trained()
        var v = RiskTestData.examples(count: 1, seed: 33)[0].features
        v[.amountToCustomerMean] = 0.2
        let quiet = try model.assess(v)
        #expect(quiet.level == .low)
        #expect(quiet.scorer == "model")
        v[.avsMismatch] = 1
        v[.cvvMismatch] = 1
        let flagged = try model.assess(v)
        #expect(flagged.level == .high)
        #expect(flagged.facts.first?.source == "avsAndCvvMismatch")
        #expect(flagged.facts.count <= model.factWriter.maximumFacts)
    }
}
