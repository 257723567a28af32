import Foundation

/// Trains a `RiskModel` on what the shop knew at `asOf`, with a time split.
///
/// 1. The cutoff is `asOf − labelDelay`: newer examples are left out, since their chargebacks may
///    still be on the way. Older ones are trainable, labelled as known at `asOf` (a fraud whose
///    `labelKnownAt` is after `asOf` counts as genuine: that is what the shop knew).
/// 2. The newest `holdoutDays` before the cutoff are the holdout: they choose the number of trees
///    (early stopping), fit the calibrator and the review-capacity thresholds (on the raw score,
///    see `RiskModel`), and give the evaluation. Everything earlier trains the trees.
/// 3. With `refitOnAll` the trees are refitted on training + holdout with the chosen round count.
public enum RiskTrainer {
    public static func train(_ examples: [RiskExample], asOf: Date, options: RiskTrainingOptions = RiskTrainingOptions(),
                             rules: RiskRules = .standard) throws -> (model: RiskModel, evaluation: RiskEvaluation) {
        guard options.labelDelay >= 0 else { throw RiskModelError.invalidInput(field: "labelDelay", reason: "must be at least 0") }
        guard options.holdoutDays > 0 else { throw RiskModelError.invalidInput(field: "holdoutDays", reason: "must be positive") }
        guard options.highShare >= 0, options.mediumShare >= options.highShare, options.mediumShare <= 1 else {
            throw RiskModelError.invalidInput(field: "mediumShare", reason: "needs 0 ≤ highShare ≤ mediumShare ≤ 1")
        }
        let cutoff = asOf.addingTimeInterval(-options.labelDelay)
        let trainable = examples.filter { $0.at < cutoff }.sorted { $0.at < $1.at }
        let excluded = examples.count - trainable.count
        let split = holdoutSplit(trainable, cutoff: cutoff, asOf: asOf, options: options)
        let holdoutStart = split < trainable.count ? trainable[split].at : cutoff
        let train = Array(trainable[..<split])
        let holdout = Array(trainable[split...])
        let trainLabels = train.map { $0.label(asOf: asOf) }
        let holdoutLabels = holdout.map { $0.label(asOf: asOf) }
        let notYetKnown = trainable.count(where: { $0.fraud && !$0.label(asOf: asOf) })
        let trainFrauds = trainLabels.count(where: { $0 }), holdoutFrauds = holdoutLabels.count(where: { $0 })

        guard !train.isEmpty else {
            throw RiskModelError.invalidInput(field: "examples", reason: "none before \(holdoutStart) (asOf − labelDelay − holdoutDays) to train on")
        }
        guard trainFrauds > 0 else {
            throw RiskModelError.invalidInput(field: "labels", reason: "0 frauds in the training window (\(train.count) examples before \(holdoutStart))")
        }
        guard !holdout.isEmpty else {
            throw RiskModelError.invalidInput(field: "holdoutDays", reason: "no examples in the \(options.holdoutDays) days before \(cutoff)")
        }

        let columns = RiskFeature.columnNames
        let trainRows = train.flatMap(\.features.values)
        let holdoutRows = holdout.flatMap(\.features.values)
        var classifierOptions = options.classifier
        if holdoutFrauds < options.minimumFraudsForEarlyStopping { classifierOptions.earlyStoppingRounds = nil }
        var classifier = try RiskClassifier.train(rows: trainRows, columns: columns, labels: trainLabels,
                                                  validation: (holdoutRows, holdoutLabels), options: classifierOptions)
        let raw = try classifier.probabilities(rows: holdoutRows)
        let calibrator = ProbabilityCalibrator.fit(scores: raw, labels: holdoutLabels)
        // Cuts and ranking metrics on the raw score: calibration keeps its order but pools ties
        // (see `RiskModel`).
        let thresholds = RiskThresholds.fromReviewCapacity(probabilities: raw, highShare: options.highShare,
                                                           mediumShare: options.mediumShare)

        // The review queue on the holdout: MEDIUM or above by the model or by a rule's floor.
        var flagged = 0, flaggedFrauds = 0
        for i in holdout.indices {
            let floor = rules.evaluate(holdout[i].features).map(\.floor).max() ?? .none
            if max(thresholds.level(raw[i]), floor) >= .medium {
                flagged += 1
                if holdoutLabels[i] { flaggedFrauds += 1 }
            }
        }

        if options.refitOnAll {
            var refit = classifierOptions
            refit.rounds = classifier.rounds
            refit.earlyStoppingRounds = nil
            classifier = try RiskClassifier.train(rows: trainRows + holdoutRows, columns: columns,
                                                  labels: trainLabels + holdoutLabels, validation: nil, options: refit)
        }
        let evaluation = RiskEvaluation(
            auc: RiskMetrics.rocAUC(scores: raw, labels: holdoutLabels),
            averagePrecision: RiskMetrics.averagePrecision(scores: raw, labels: holdoutLabels),
            precisionAtCapacity: flagged == 0 ? 0 : Double(flaggedFrauds) / Double(flagged),
            recallAtCapacity: holdoutFrauds == 0 ? .nan : Double(flaggedFrauds) / Double(holdoutFrauds),
            trainRows: train.count, holdoutRows: holdout.count, frauds: trainFrauds + holdoutFrauds,
            holdoutFrauds: holdoutFrauds, labelsNotYetKnown: notYetKnown, excludedByDelay: excluded,
            rounds: classifier.rounds)
        let model = try RiskModel(classifier: classifier, calibrator: calibrator, thresholds: thresholds, rules: rules,
                                  metadata: RiskModelMetadata(trainedAt: Date(), asOf: asOf, cutoff: cutoff, evaluation: evaluation))
        return (model, evaluation)
    }

    /// Index of the first holdout example: the newest `holdoutDays`, grown back in time until the
    /// holdout holds `minimumHoldoutFrauds` frauds known at `asOf`, but never past half the examples.
    static func holdoutSplit(_ trainable: [RiskExample], cutoff: Date, asOf: Date, options: RiskTrainingOptions) -> Int {
        let start = cutoff.addingTimeInterval(-options.holdoutDays * 86_400)
        var split = trainable.firstIndex { $0.at >= start } ?? trainable.count
        var frauds = trainable[split...].count { $0.label(asOf: asOf) }
        let floor = trainable.count / 2
        while frauds < options.minimumHoldoutFrauds, split > floor {
            split -= 1
            if trainable[split].label(asOf: asOf) { frauds += 1 }
        }
        return split
    }
}
