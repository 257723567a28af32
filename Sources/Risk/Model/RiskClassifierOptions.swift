/// Settings of the boosted fraud classifier (XGBoost `binary:logistic`).
///
/// The defaults suit rare-event fraud data: shallow trees and a small learning rate generalise
/// better on a few hundred frauds than XGBoost's depth 6 / eta 0.3, row and column sampling
/// decorrelate the trees, and early stopping on the holdout's area under the precision-recall
/// curve (the metric that matters at 1 % review capacity) picks the number of trees.
public struct RiskClassifierOptions: Sendable, Codable, Hashable {
    /// Boosting rounds (trees) at most.
    public var rounds: Int = 400
    public var maxDepth: Int = 5
    public var learningRate: Double = 0.05
    /// `min_child_weight`: the least hessian sum in a leaf. With p(1−p) ≈ p for rare frauds this
    /// keeps leaves from isolating one or two frauds.
    public var minChildWeight: Double = 1
    public var subsample: Double = 0.8
    public var columnSample: Double = 0.8
    /// L2 regularisation of leaf weights.
    public var lambda: Double = 1
    /// Weight of fraud rows relative to genuine ones; nil keeps 1, which keeps the raw
    /// probabilities close to calibrated (the calibrator corrects what remains).
    public var scalePositiveWeight: Double? = nil
    /// Stop once the validation metric has not improved for this many rounds (only with a validation set).
    public var earlyStoppingRounds: Int? = 40
    /// Validation metric for early stopping: `aucpr` (default), `auc` or `logloss`.
    public var evalMetric: String = "aucpr"
    public var seed: Int = 0
    /// XGBoost threads; 1 keeps training reproducible and polite on a shared machine.
    public var threads: Int = 1

    public init() {}

    public init(rounds: Int = 400, maxDepth: Int = 5, learningRate: Double = 0.05, minChildWeight: Double = 1,
                subsample: Double = 0.8, columnSample: Double = 0.8, lambda: Double = 1,
                scalePositiveWeight: Double? = nil, earlyStoppingRounds: Int? = 40, evalMetric: String = "aucpr",
                seed: Int = 0, threads: Int = 1) {
        self.rounds = rounds; self.maxDepth = maxDepth; self.learningRate = learningRate
        self.minChildWeight = minChildWeight; self.subsample = subsample; self.columnSample = columnSample
        self.lambda = lambda; self.scalePositiveWeight = scalePositiveWeight
        self.earlyStoppingRounds = earlyStoppingRounds; self.evalMetric = evalMetric; self.seed = seed; self.threads = threads
    }
}
