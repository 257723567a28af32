/// Training settings for a gradient-boosted tree ensemble (XGBoost's `gbtree` booster).
///
/// Names follow XGBoost's parameters (https://xgboost.readthedocs.io/en/release_1.7.0/parameter.html);
/// defaults are XGBoost's except `treeMethod` (`hist`), `threads` (1, for reproducible benchmarks)
/// and `verbosity` (0).
public struct BoosterParameters: Sendable, Equatable {
    /// The loss the trees minimise.
    public enum Objective: String, Sendable, Equatable {
        case squaredError = "reg:squarederror"
        /// Tweedie deviance with log link; for zero-inflated non-negative amounts such as unit sales.
        case tweedie = "reg:tweedie"
        case poisson = "count:poisson"
        case logistic = "binary:logistic"
        case absoluteError = "reg:absoluteerror"
    }

    public var objective: Objective = .squaredError
    /// `tweedie_variance_power` p in [1, 2): Var(y) ∝ μ^p. Used only by `.tweedie`.
    public var tweedieVariancePower: Double = 1.5
    /// Learning rate `eta`: each tree's leaf values are scaled by it.
    public var learningRate: Double = 0.3
    public var maxDepth: Int = 6
    /// `min_child_weight`: the least hessian sum a leaf may hold.
    public var minChildWeight: Double = 1
    /// Row subsampling ratio per tree.
    public var subsample: Double = 1
    /// Column subsampling ratio per tree.
    public var columnSampleByTree: Double = 1
    /// L2 regularisation `lambda` on leaf weights.
    public var lambda: Double = 1
    /// L1 regularisation `alpha` on leaf weights.
    public var alpha: Double = 0
    /// The least loss reduction a split must bring (`gamma`).
    public var minSplitLoss: Double = 0
    /// `max_bin` of the `hist` method.
    public var maxBin: Int = 256
    /// `tree_method`: `hist`, `approx` or `exact`.
    public var treeMethod: String = "hist"
    /// The initial prediction before any tree (`base_score`), on the response scale.
    public var baseScore: Double? = nil
    /// `eval_metric` for the validation set; XGBoost's default for the objective when nil.
    public var evalMetric: String? = nil
    /// Threads XGBoost may use (`nthread`). Its OpenMP threads spin while they wait for each
    /// other, so asking for more threads than there are idle cores can make training several
    /// times slower (measured here: 2 threads on a busy 2-core machine took 4× the CPU of 1).
    public var threads: Int = 1
    public var seed: Int = 0
    /// Boosting rounds (trees) at most.
    public var rounds: Int = 100
    /// Stop when the validation metric has not improved for this many rounds (needs a validation set).
    public var earlyStoppingRounds: Int? = nil
    /// XGBoost's log level, 0 (silent) … 3 (debug).
    public var verbosity: Int = 0
    /// Further XGBoost parameters passed verbatim, applied last (XGBoost validates them).
    public var extra: [String: String] = [:]

    public init() {}

    /// The `(name, value)` pairs handed to `XGBoosterSetParam`, after range checks that name the
    /// offending parameter.
    public func xgboostPairs() throws -> [(String, String)] {
        try validate()
        var pairs: [(String, String)] = [
            ("booster", "gbtree"),
            ("objective", objective.rawValue),
            ("eta", "\(learningRate)"),
            ("max_depth", "\(maxDepth)"),
            ("min_child_weight", "\(minChildWeight)"),
            ("subsample", "\(subsample)"),
            ("colsample_bytree", "\(columnSampleByTree)"),
            ("lambda", "\(lambda)"),
            ("alpha", "\(alpha)"),
            ("gamma", "\(minSplitLoss)"),
            ("max_bin", "\(maxBin)"),
            ("tree_method", treeMethod),
            ("nthread", "\(threads)"),
            ("seed", "\(seed)"),
            ("verbosity", "\(verbosity)"),
        ]
        if objective == .tweedie { pairs.append(("tweedie_variance_power", "\(tweedieVariancePower)")) }
        if let baseScore { pairs.append(("base_score", "\(baseScore)")) }
        if let evalMetric { pairs.append(("eval_metric", evalMetric)) }
        for key in extra.keys.sorted() { pairs.append((key, extra[key]!)) }
        return pairs
    }

    /// Checks every typed parameter's range; XGBoost checks `extra`.
    public func validate() throws {
        func require(_ ok: Bool, _ name: String, _ reason: String) throws {
            if !ok { throw BoostingError.invalidParameter(name: name, reason: reason) }
        }
        try require(learningRate > 0 && learningRate.isFinite, "eta", "must be positive, got \(learningRate)")
        try require(maxDepth >= 0, "max_depth", "must be at least 0, got \(maxDepth)")
        try require(minChildWeight >= 0, "min_child_weight", "must be at least 0, got \(minChildWeight)")
        try require(subsample > 0 && subsample <= 1, "subsample", "must be in (0, 1], got \(subsample)")
        try require(columnSampleByTree > 0 && columnSampleByTree <= 1, "colsample_bytree", "must be in (0, 1], got \(columnSampleByTree)")
        try require(lambda >= 0, "lambda", "must be at least 0, got \(lambda)")
        try require(alpha >= 0, "alpha", "must be at least 0, got \(alpha)")
        try require(minSplitLoss >= 0, "gamma", "must be at least 0, got \(minSplitLoss)")
        try require(maxBin >= 2, "max_bin", "must be at least 2, got \(maxBin)")
        try require(["hist", "approx", "exact"].contains(treeMethod), "tree_method", "must be hist, approx or exact, got \(treeMethod)")
        try require(tweedieVariancePower >= 1 && tweedieVariancePower < 2, "tweedie_variance_power", "must be in [1, 2), got \(tweedieVariancePower)")
        try require(threads >= 1, "nthread", "must be at least 1, got \(threads)")
        try require(rounds >= 1, "num_boost_round", "must be at least 1, got \(rounds)")
        if let earlyStoppingRounds {
            try require(earlyStoppingRounds >= 1, "early_stopping_rounds", "must be at least 1, got \(earlyStoppingRounds)")
        }
        try require((0...3).contains(verbosity), "verbosity", "must be 0…3, got \(verbosity)")
    }
}
