/// How a trained model did on its holdout (the newest trainable examples, which it did not train on).
public struct RiskEvaluation: Sendable, Codable, Hashable {
    /// Area under the ROC curve of the classifier's score (calibration keeps the order).
    public var auc: Double
    /// scikit-learn's step-wise average precision.
    public var averagePrecision: Double
    /// Among holdout subjects at MEDIUM or above (the review queue): the share that were fraud.
    public var precisionAtCapacity: Double
    /// The share of holdout frauds that reached MEDIUM or above.
    public var recallAtCapacity: Double
    public var trainRows: Int
    public var holdoutRows: Int
    /// Frauds (as known at `asOf`) in training and holdout.
    public var frauds: Int
    public var holdoutFrauds: Int
    /// Frauds inside the training window whose label arrived after `asOf` and so counted as genuine.
    public var labelsNotYetKnown: Int
    /// Examples left out because they are inside the label delay.
    public var excludedByDelay: Int
    /// Trees in the served model.
    public var rounds: Int

    public init(auc: Double, averagePrecision: Double, precisionAtCapacity: Double, recallAtCapacity: Double,
                trainRows: Int, holdoutRows: Int, frauds: Int, holdoutFrauds: Int, labelsNotYetKnown: Int,
                excludedByDelay: Int, rounds: Int) {
        self.auc = auc; self.averagePrecision = averagePrecision; self.precisionAtCapacity = precisionAtCapacity
        self.recallAtCapacity = recallAtCapacity; self.trainRows = trainRows; self.holdoutRows = holdoutRows
        self.frauds = frauds; self.holdoutFrauds = holdoutFrauds; self.labelsNotYetKnown = labelsNotYetKnown
        self.excludedByDelay = excludedByDelay; self.rounds = rounds
    }
}
