/// Storewise's model on the Fraud Detection Handbook's protocol: `RiskClassifier` (XGBoost) over
/// every `HandbookRiskFeatures` column, with the settings chosen on the handbook data.
///
/// Shallow trees and a small learning rate: the training week holds only ~600 frauds, and deep
/// trees (the handbook's XGBoost defaults, depth 6, eta 0.3) memorise them (train AP 0.995, test
/// 0.639). Every row and column is used (no subsampling) and all rounds are kept: the protocol
/// has no validation week to stop on.
public enum HandbookRiskModel {
    /// The classifier settings: 300 rounds of depth-3 trees at learning rate 0.05.
    public static var options: RiskClassifierOptions {
        RiskClassifierOptions(rounds: 300, maxDepth: 3, learningRate: 0.05, minChildWeight: 1,
                              subsample: 1, columnSample: 1, lambda: 1, scalePositiveWeight: nil,
                              earlyStoppingRounds: nil, seed: 0, threads: 1)
    }

    /// The model's columns.
    public static let columns: [HandbookRiskFeatures.Column] = HandbookRiskFeatures.Column.storewise

    /// Trains on `rows` (indices into `features`) with their fraud labels.
    public static func train(_ features: HandbookRiskFeatures, rows: [Int], labels: [Bool],
                             columns: [HandbookRiskFeatures.Column] = columns,
                             options: RiskClassifierOptions = options) throws -> RiskClassifier {
        try RiskClassifier.train(rows: features.rows(rows, columns: columns), columns: columns.map(\.rawValue),
                                 labels: labels, options: options)
    }

    /// Fraud probabilities of `rows`.
    public static func score(_ classifier: RiskClassifier, _ features: HandbookRiskFeatures, rows: [Int]) throws -> [Double] {
        let columns = classifier.columns.compactMap(HandbookRiskFeatures.Column.init(rawValue:))
        return try classifier.probabilities(rows: features.rows(rows, columns: columns))
    }
}
