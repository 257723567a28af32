import CXGBoost

/// A trained gradient-boosted tree ensemble (XGBoost `gbtree`): train, predict, explain, save.
///
/// ```swift
/// var p = BoosterParameters()
/// p.objective = .tweedie
/// p.rounds = 500
/// p.earlyStoppingRounds = 50
/// let booster = try Booster.train(p, on: train, validation: valid)
/// let mean = try booster.predict(test)
/// ```
public struct Booster: Sendable {
    let storage: Handle
    /// The 0-based round with the best validation score when early stopping was used; the model
    /// is cut to rounds `0...bestIteration`.
    public let bestIteration: Int?
    /// The validation metric after each round (empty without a validation set).
    public let validationHistory: [Double]

    /// Number of boosting rounds (trees per output) in the model.
    public var rounds: Int {
        var n: Int32 = 0
        XGBoosterBoostedRounds(storage.raw, &n)
        return Int(n)
    }

    init(storage: Handle, bestIteration: Int?, validationHistory: [Double]) {
        self.storage = storage
        self.bestIteration = bestIteration
        self.validationHistory = validationHistory
    }

    /// Boosts `parameters.rounds` trees on `training` (which must have labels).
    ///
    /// With `validation` (labels required) the metric is evaluated after every round; with
    /// `earlyStoppingRounds` training stops once it has not improved for that many rounds and the
    /// model is cut back to the best round, as XGBoost's `train(early_stopping_rounds:)` does.
    public static func train(_ parameters: BoosterParameters, on training: FeatureMatrix, validation: FeatureMatrix? = nil) throws -> Booster {
        let pairs = try parameters.xgboostPairs()
        guard try !training.labels().isEmpty else { throw BoostingError.invalidParameter(name: "label", reason: "the training matrix has no labels") }
        if let validation {
            guard validation.columns == training.columns else {
                throw BoostingError.shapeMismatch(field: "validation columns", expected: training.columns, got: validation.columns)
            }
            guard try !validation.labels().isEmpty else { throw BoostingError.invalidParameter(name: "label", reason: "the validation matrix has no labels") }
        }
        if parameters.earlyStoppingRounds != nil, validation == nil {
            throw BoostingError.invalidParameter(name: "early_stopping_rounds", reason: "needs a validation set")
        }
        var matrices: [DMatrixHandle?] = [training.storage.raw]
        if let validation { matrices.append(validation.storage.raw) }
        let storage = try Handle.create(matrices)
        for (name, value) in pairs {
            try BoostingError.check(XGBoosterSetParam(storage.raw, name, value), "XGBoosterSetParam(\(name))")
            // XGBoost checks values lazily, at the first round, and its message does not always
            // name the parameter; configuring after each untyped one pins the error on it.
            if parameters.extra[name] != nil { try storage.configure(naming: name) }
        }

        var history: [Double] = []
        var best: (round: Int, score: Double)?
        let metric = parameters.evalMetric ?? ""
        let maximise = ["auc", "aucpr", "map", "ndcg", "pre"].contains { metric.hasPrefix($0) }
        for round in 0..<parameters.rounds {
            try BoostingError.check(XGBoosterUpdateOneIter(storage.raw, Int32(round), training.storage.raw), "XGBoosterUpdateOneIter")
            guard let validation else { continue }
            let score = try evaluate(storage, round: round, on: validation)
            history.append(score)
            if best == nil || (maximise ? score > best!.score : score < best!.score) { best = (round, score) }
            if let patience = parameters.earlyStoppingRounds, round - best!.round >= patience { break }
        }

        guard parameters.earlyStoppingRounds != nil, let best, best.round + 1 < history.count else {
            return Booster(storage: storage, bestIteration: parameters.earlyStoppingRounds == nil ? nil : best?.round, validationHistory: history)
        }
        var sliced: BoosterHandle?
        try BoostingError.check(XGBoosterSlice(storage.raw, 0, Int32(best.round + 1), 1, &sliced), "XGBoosterSlice")
        guard let sliced else { throw BoostingError.library(function: "XGBoosterSlice", message: "returned no booster") }
        let cut = Handle(sliced)
        // A slice does not inherit the thread count, which is configuration rather than model.
        try BoostingError.check(XGBoosterSetParam(cut.raw, "nthread", "\(parameters.threads)"), "XGBoosterSetParam(nthread)")
        return Booster(storage: cut, bestIteration: best.round, validationHistory: history)
    }

    /// The validation metric after `round`: the last number of XGBoost's `[i]\tvalid-name:value` line.
    private static func evaluate(_ storage: Handle, round: Int, on validation: FeatureMatrix) throws -> Double {
        var matrices: [DMatrixHandle?] = [validation.storage.raw]
        var out: UnsafePointer<CChar>?
        let code = matrices.withUnsafeMutableBufferPointer { m in
            withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: 1) { names in
                "valid".withCString { valid in
                    names[0] = valid
                    return XGBoosterEvalOneIter(storage.raw, Int32(round), m.baseAddress, names.baseAddress, 1, &out)
                }
            }
        }
        try BoostingError.check(code, "XGBoosterEvalOneIter")
        let text = out.map { String(cString: $0) } ?? ""
        guard let colon = text.lastIndex(of: ":"), let value = Double(text[text.index(after: colon)...].trimmingCharacters()) else {
            throw BoostingError.library(function: "XGBoosterEvalOneIter", message: "cannot read a score from '\(text)'")
        }
        return value
    }

    /// Owns the C handle and frees it with the last copy of the booster.
    ///
    /// `@unchecked Sendable`: after training the model is only read; XGBoost's prediction keeps its
    /// output buffer per thread, and every call copies it out before returning. Let the last copy
    /// go on the thread that trained or queried the booster: a learner freed from another thread
    /// corrupted the heap inside `XGBoosterFree` (XGBoost 1.7 keys per-thread state by learner).
    final class Handle: @unchecked Sendable {
        let raw: BoosterHandle
        init(_ raw: BoosterHandle) { self.raw = raw }
        deinit { XGBoosterFree(raw) }

        /// Applies the parameters set so far (XGBoost configures when it saves its configuration);
        /// an error becomes `.invalidParameter(name:)`.
        func configure(naming name: String) throws {
            var length: bst_ulong = 0
            var text: UnsafePointer<CChar>?
            do {
                try BoostingError.check(XGBoosterSaveJsonConfig(raw, &length, &text), "XGBoosterSaveJsonConfig")
            } catch let BoostingError.library(_, message) {
                throw BoostingError.invalidParameter(name: name, reason: message)
            }
        }

        static func create(_ matrices: [DMatrixHandle?]) throws -> Handle {
            var handle: BoosterHandle?
            try matrices.withUnsafeBufferPointer { m in
                try BoostingError.check(XGBoosterCreate(m.baseAddress, bst_ulong(m.count), &handle), "XGBoosterCreate")
            }
            guard let handle else { throw BoostingError.library(function: "XGBoosterCreate", message: "returned no booster") }
            return Handle(handle)
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> Substring {
        var s = self
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return s
    }
}
