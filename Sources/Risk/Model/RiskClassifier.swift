import Boosting

/// The boosted fraud classifier: XGBoost `binary:logistic` through the `Boosting` wrapper, over
/// named columns (the Storewise `RiskFeature` columns, or any other set such as the handbook's).
///
/// Rows are row-major `Double`s, NaN = missing (XGBoost routes it down the branch it learnt).
public struct RiskClassifier: Sendable {
    public let columns: [String]
    let booster: Booster

    /// Trees in the model (after early stopping).
    public var rounds: Int { booster.rounds }
    /// The 0-based best round when early stopping ran.
    public var bestIteration: Int? { booster.bestIteration }

    init(columns: [String], booster: Booster) {
        self.columns = columns
        self.booster = booster
    }

    /// Trains on `rows` (row-major, `labels.count × columns.count`).
    ///
    /// With `validation` holding both classes, the metric `options.evalMetric` is tracked per
    /// round and `options.earlyStoppingRounds` cuts the model back to its best round; without a
    /// usable validation set all `options.rounds` trees are kept.
    public static func train(rows: [Double], columns: [String], labels: [Bool],
                             validation: (rows: [Double], labels: [Bool])? = nil,
                             options: RiskClassifierOptions = RiskClassifierOptions()) throws -> RiskClassifier {
        guard !columns.isEmpty else { throw RiskModelError.invalidInput(field: "columns", reason: "no columns") }
        guard !labels.isEmpty else { throw RiskModelError.invalidInput(field: "labels", reason: "no training rows") }
        guard rows.count == labels.count * columns.count else {
            throw RiskModelError.invalidInput(field: "rows", reason: "\(rows.count) values for \(labels.count) labels × \(columns.count) columns")
        }
        let frauds = labels.count(where: { $0 })
        guard frauds > 0 else { throw RiskModelError.invalidInput(field: "labels", reason: "0 frauds in the training window") }
        guard frauds < labels.count else { throw RiskModelError.invalidInput(field: "labels", reason: "every training row is a fraud") }

        let training = try matrix(rows, columns: columns.count, labels: labels)
        var valid: FeatureMatrix?
        if let validation {
            guard validation.rows.count == validation.labels.count * columns.count else {
                throw RiskModelError.invalidInput(field: "validation.rows",
                    reason: "\(validation.rows.count) values for \(validation.labels.count) labels × \(columns.count) columns")
            }
            // A metric such as AUC is undefined on one class; such a set cannot choose a round.
            let validFrauds = validation.labels.count(where: { $0 })
            if validFrauds > 0, validFrauds < validation.labels.count {
                valid = try matrix(validation.rows, columns: columns.count, labels: validation.labels)
            }
        }

        var p = BoosterParameters()
        p.objective = .logistic
        p.rounds = options.rounds
        p.maxDepth = options.maxDepth
        p.learningRate = options.learningRate
        p.minChildWeight = options.minChildWeight
        p.subsample = options.subsample
        p.columnSampleByTree = options.columnSample
        p.lambda = options.lambda
        p.seed = options.seed
        p.threads = options.threads
        p.evalMetric = options.evalMetric
        p.earlyStoppingRounds = valid == nil ? nil : options.earlyStoppingRounds
        if let w = options.scalePositiveWeight {
            guard w > 0, w.isFinite else { throw RiskModelError.invalidInput(field: "scalePositiveWeight", reason: "must be positive, got \(w)") }
            p.extra["scale_pos_weight"] = "\(w)"
        }
        let booster = try Booster.train(p, on: training, validation: valid)
        return RiskClassifier(columns: columns, booster: booster)
    }

    /// The classifier's fraud probability per row (uncalibrated: XGBoost's sigmoid of the margin).
    public func probabilities(rows: [Double]) throws -> [Double] {
        let m = try Self.matrix(rows, columns: columns.count, labels: nil)
        return try booster.predict(m).map(Double.init)
    }

    /// The raw margin (log-odds) per row.
    public func margins(rows: [Double]) throws -> [Double] {
        let m = try Self.matrix(rows, columns: columns.count, labels: nil)
        return try booster.predict(m, margin: true).map(Double.init)
    }

    /// SHAP contributions per row in log-odds: one per column, then the bias; each row sums to
    /// the row's margin (the logit of `probabilities`).
    public func contributions(rows: [Double]) throws -> [[Double]] {
        let m = try Self.matrix(rows, columns: columns.count, labels: nil)
        let flat = try booster.contributions(m)
        let width = columns.count + 1
        return (0..<m.rows).map { r in flat[(r * width)..<((r + 1) * width)].map(Double.init) }
    }

    /// XGBoost's JSON model bytes (the columns are stored beside them by `RiskModel`).
    public func serialized() throws -> [UInt8] { try booster.modelBytes() }

    /// Loads bytes from `serialized()`; `columns` must be the columns it was trained on.
    public init(serialized: [UInt8], columns: [String]) throws {
        guard !columns.isEmpty else { throw RiskModelError.invalidInput(field: "columns", reason: "no columns") }
        self.columns = columns
        self.booster = try Booster(modelBytes: serialized)
    }

    static func matrix(_ rows: [Double], columns: Int, labels: [Bool]?) throws -> FeatureMatrix {
        guard columns > 0, rows.count % columns == 0, !rows.isEmpty else {
            throw RiskModelError.invalidInput(field: "rows", reason: "\(rows.count) values is not a whole number of \(columns)-column rows")
        }
        return try FeatureMatrix(values: rows.map(Float.init), rows: rows.count / columns, columns: columns,
                                 labels: labels?.map { $0 ? 1 : 0 })
    }
}
