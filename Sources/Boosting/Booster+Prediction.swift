import CXGBoost

extension Booster {
    /// Predictions for every row of `matrix`: the mean on the response scale, or the raw margin
    /// (before the objective's link, e.g. log μ for Tweedie) when `margin` is true.
    public func predict(_ matrix: FeatureMatrix, margin: Bool = false) throws -> [Float] {
        try run(matrix, type: margin ? 1 : 0, expected: matrix.rows)
    }

    /// Exact SHAP feature contributions (TreeSHAP, Lundberg et al. 2020, XGBoost's `pred_contribs`).
    ///
    /// Row-major `rows × (columns + 1)`: one value per feature, then the bias; each row sums to the
    /// prediction's margin.
    public func contributions(_ matrix: FeatureMatrix) throws -> [Float] {
        try run(matrix, type: 2, expected: matrix.rows * (matrix.columns + 1))
    }

    private func run(_ matrix: FeatureMatrix, type: Int, expected: Int) throws -> [Float] {
        let config = #"{"type": \#(type), "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false}"#
        var shape: UnsafePointer<bst_ulong>?
        var dimensions: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try BoostingError.check(
            XGBoosterPredictFromDMatrix(storage.raw, matrix.storage.raw, config, &shape, &dimensions, &result),
            "XGBoosterPredictFromDMatrix")
        var count = 1
        for d in 0..<Int(dimensions) { count *= Int(shape![d]) }
        guard count == expected, let result else {
            throw BoostingError.shapeMismatch(field: "predictions", expected: expected, got: count)
        }
        return Array(UnsafeBufferPointer(start: result, count: count))
    }
}
