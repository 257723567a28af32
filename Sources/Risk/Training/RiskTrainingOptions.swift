import Foundation

/// How `RiskTrainer` splits time and sets thresholds.
public struct RiskTrainingOptions: Sendable, Codable, Hashable {
    /// Examples newer than this at training time are left out: their chargebacks may not have
    /// arrived yet, so they would teach the model that fraud looks genuine (and a holdout scored
    /// against labels still on their way reads low). Fraud chargebacks come weeks after the order,
    /// many after a month; 60 days leaves most of them in.
    public var labelDelay: TimeInterval = 60 * 86_400
    /// The newest `holdoutDays` of the trainable examples choose the number of trees, fit the
    /// calibrator and the thresholds, and are the evaluation.
    public var holdoutDays: Double = 14
    /// The holdout grows back in time past `holdoutDays` until it holds this many labelled frauds
    /// (or half the trainable examples): with chargebacks arriving weeks late, two weeks of a
    /// small shop may hold two frauds, and early stopping on two frauds keeps one tree.
    public var minimumHoldoutFrauds: Int = 20
    /// Below this many holdout frauds the number of trees is not chosen on the holdout (all
    /// `classifier.rounds` are kept): the validation metric on a handful of frauds is noise.
    public var minimumFraudsForEarlyStopping: Int = 10
    /// At most this share of subjects HIGH (review capacity).
    public var highShare: Double = 0.01
    /// At most this share MEDIUM or HIGH.
    public var mediumShare: Double = 0.05
    /// After choosing rounds on the holdout, refit on all trainable examples with that many
    /// rounds (the calibrator and thresholds stay those fitted on the holdout).
    public var refitOnAll: Bool = false
    public var classifier: RiskClassifierOptions = RiskClassifierOptions()

    public init() {}

    public init(labelDelay: TimeInterval = 60 * 86_400, holdoutDays: Double = 14, highShare: Double = 0.01,
                mediumShare: Double = 0.05, refitOnAll: Bool = false, classifier: RiskClassifierOptions = RiskClassifierOptions()) {
        self.labelDelay = labelDelay; self.holdoutDays = holdoutDays; self.highShare = highShare
        self.mediumShare = mediumShare; self.refitOnAll = refitOnAll; self.classifier = classifier
    }
}
