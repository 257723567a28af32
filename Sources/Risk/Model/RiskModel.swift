import Foundation

/// What is stored and served: the classifier, its calibrator, the review-capacity thresholds,
/// the rules and what the model was trained on.
///
/// An assessment's probability is the calibrated classifier's; its level is the higher of the
/// thresholds' level and the floors of the rules that fire; its facts are the rules' sentences
/// first, then the features whose SHAP contributions moved the score most.
///
/// `thresholds` cut the classifier's *uncalibrated* probability. Calibration is monotone, so the
/// order is the same, but isotonic calibration is flat where a block of holdout orders had the
/// same fraud rate (often a plateau at 1.0 above the last fraud-free order): a review-capacity cut
/// on calibrated values would fall through such a plateau and flag nothing (or everything in it).
/// `calibratedThresholds` gives the cuts on the probability scale for display.
public struct RiskModel: Sendable {
    public let classifier: RiskClassifier
    public var calibrator: ProbabilityCalibrator
    public var thresholds: RiskThresholds
    public var rules: RiskRules
    public var metadata: RiskModelMetadata
    /// Not stored: words are code, not data.
    public var factWriter: RiskFactWriter

    public init(classifier: RiskClassifier, calibrator: ProbabilityCalibrator, thresholds: RiskThresholds,
                rules: RiskRules = .standard, metadata: RiskModelMetadata, factWriter: RiskFactWriter = .standard()) throws {
        guard classifier.columns == RiskFeature.columnNames else {
            throw RiskModelError.invalidInput(field: "columns",
                reason: "the classifier has \(classifier.columns.count) columns, not the \(RiskFeature.allCases.count) RiskFeature columns")
        }
        self.classifier = classifier; self.calibrator = calibrator; self.thresholds = thresholds
        self.rules = rules; self.metadata = metadata; self.factWriter = factWriter
    }

    /// The cuts on the calibrated probability scale (what a person reads beside a probability).
    public var calibratedThresholds: RiskThresholds {
        RiskThresholds(medium: calibrator(thresholds.medium), high: calibrator(thresholds.high))
    }

    public func assess(_ features: RiskFeatureVector) throws -> RiskAssessment {
        try assess(batch: [features])[0]
    }

    /// One XGBoost call for the probabilities and one for the contributions of the whole batch.
    public func assess(batch: [RiskFeatureVector]) throws -> [RiskAssessment] {
        guard !batch.isEmpty else { return [] }
        var rows: [Double] = []
        rows.reserveCapacity(batch.count * RiskFeature.allCases.count)
        for v in batch { rows.append(contentsOf: v.values) }
        let contributions = try classifier.contributions(rows: rows)
        return batch.indices.map { i in
            let c = contributions[i]
            // The margin is the SHAP row's sum (XGBoost's identity), so one call gives both.
            let margin = c.reduce(0, +)
            let score = 1 / (1 + exp(-margin))
            let probability = calibrator(score)
            let hits = rules.evaluate(batch[i])
            let level = max(thresholds.level(score), hits.map(\.floor).max() ?? .none)
            var facts = hits.map(\.riskFact)
            let remaining = max(0, factWriter.maximumFacts - facts.count)
            if remaining > 0 {
                var writer = factWriter
                writer.maximumFacts = remaining
                writer.maximumLowering = min(writer.maximumLowering, remaining)
                facts += writer.facts(contributions: c, values: batch[i].values)
            }
            return RiskAssessment(probability: probability, level: level, facts: facts, scorer: "model")
        }
    }

    /// A JSON envelope: format and version, columns, calibrator, thresholds, rules, metadata and
    /// XGBoost's JSON model (base64).
    public func serialized() throws -> [UInt8] {
        let envelope = Envelope(format: Envelope.formatName, version: 1, columns: classifier.columns,
                                calibrator: calibrator, thresholds: thresholds, rules: rules, metadata: metadata,
                                booster: Data(try classifier.serialized()).base64EncodedString())
        let encoder = JSONEncoder()
        // Seconds since 2001 as a Double: exact, where ISO 8601 drops the fraction.
        encoder.dateEncodingStrategy = .deferredToDate
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return Array(try encoder.encode(envelope))
    }

    /// Loads `serialized()` bytes; refuses a model trained on other columns than this build's
    /// `RiskFeature` catalog.
    public init(serialized: [UInt8], factWriter: RiskFactWriter = .standard()) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let envelope: Envelope
        do { envelope = try decoder.decode(Envelope.self, from: Data(serialized)) } catch {
            throw RiskModelError.invalidInput(field: "serialized", reason: "not a Storewise risk model (\(error))")
        }
        guard envelope.format == Envelope.formatName else {
            throw RiskModelError.invalidInput(field: "format", reason: "expected \(Envelope.formatName), got \(envelope.format)")
        }
        guard envelope.version == 1 else {
            throw RiskModelError.invalidInput(field: "version", reason: "unsupported version \(envelope.version)")
        }
        guard envelope.columns == RiskFeature.columnNames else {
            let missing = RiskFeature.columnNames.filter { !envelope.columns.contains($0) }
            let extra = envelope.columns.filter { RiskFeature(rawValue: $0) == nil }
            throw RiskModelError.invalidInput(field: "columns",
                reason: "the model was trained on \(envelope.columns.count) columns, this build has \(RiskFeature.allCases.count)"
                    + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))")
                    + (extra.isEmpty ? "" : "; unknown \(extra.joined(separator: ", "))")
                    + (missing.isEmpty && extra.isEmpty ? " in another order" : "") + "; retrain")
        }
        guard let bytes = Data(base64Encoded: envelope.booster) else {
            throw RiskModelError.invalidInput(field: "booster", reason: "not base64")
        }
        let classifier = try RiskClassifier(serialized: Array(bytes), columns: envelope.columns)
        try self.init(classifier: classifier, calibrator: envelope.calibrator, thresholds: envelope.thresholds,
                      rules: envelope.rules, metadata: envelope.metadata, factWriter: factWriter)
    }

    private struct Envelope: Codable {
        static let formatName = "storewise-risk-model"
        var format: String
        var version: Int
        var columns: [String]
        var calibrator: ProbabilityCalibrator
        var thresholds: RiskThresholds
        var rules: RiskRules
        var metadata: RiskModelMetadata
        var booster: String
    }
}

/// What a stored model was trained on and how it did on its holdout.
public struct RiskModelMetadata: Sendable, Codable, Hashable {
    public var trainedAt: Date
    /// The training run's "now": labels known by then were used.
    public var asOf: Date
    /// Examples at or after this time were left out (inside the label delay).
    public var cutoff: Date
    public var evaluation: RiskEvaluation?

    public init(trainedAt: Date, asOf: Date, cutoff: Date, evaluation: RiskEvaluation? = nil) {
        self.trainedAt = trainedAt; self.asOf = asOf; self.cutoff = cutoff; self.evaluation = evaluation
    }
}
