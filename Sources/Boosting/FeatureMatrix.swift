import CXGBoost

/// A dense feature matrix in XGBoost's `DMatrix` form, with optional labels and row weights.
///
/// Values are row-major `Float`s; `Float.nan` marks a missing value, which the trees route down
/// the default branch learnt for it. XGBoost copies the values, so the array can be dropped after.
///
/// ```swift
/// let m = try FeatureMatrix(values: [1, 2, 3, 4], rows: 2, columns: 2, labels: [0, 1])
/// ```
public struct FeatureMatrix: Sendable {
    public let rows: Int
    public let columns: Int
    let storage: Handle

    /// Builds the matrix; `labels` and `weights` need one value per row when given.
    /// - Parameter threads: threads XGBoost may use to ingest the values.
    public init(values: [Float], rows: Int, columns: Int, labels: [Float]? = nil, weights: [Float]? = nil, threads: Int = 1) throws {
        guard rows >= 1 else { throw BoostingError.invalidParameter(name: "rows", reason: "must be at least 1, got \(rows)") }
        guard columns >= 1 else { throw BoostingError.invalidParameter(name: "columns", reason: "must be at least 1, got \(columns)") }
        guard values.count == rows * columns else {
            throw BoostingError.shapeMismatch(field: "values", expected: rows * columns, got: values.count)
        }
        if let labels, labels.count != rows { throw BoostingError.shapeMismatch(field: "labels", expected: rows, got: labels.count) }
        if let weights, weights.count != rows { throw BoostingError.shapeMismatch(field: "weights", expected: rows, got: weights.count) }
        if let bad = labels?.firstIndex(where: { !$0.isFinite }) {
            throw BoostingError.invalidParameter(name: "labels", reason: "labels[\(bad)] is not finite")
        }
        if let bad = weights?.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw BoostingError.invalidParameter(name: "weights", reason: "weights[\(bad)] is not a finite non-negative number")
        }
        var handle: DMatrixHandle?
        try values.withUnsafeBufferPointer { buffer in
            try BoostingError.check(
                XGDMatrixCreateFromMat_omp(buffer.baseAddress, bst_ulong(rows), bst_ulong(columns), .nan, &handle, Int32(max(1, threads))),
                "XGDMatrixCreateFromMat_omp")
        }
        guard let handle else { throw BoostingError.library(function: "XGDMatrixCreateFromMat_omp", message: "returned no matrix") }
        storage = Handle(handle)
        self.rows = rows
        self.columns = columns
        if let labels { try setFloatInfo("label", labels) }
        if let weights { try setFloatInfo("weight", weights) }
    }

    /// The labels XGBoost holds for the rows (empty when none were set).
    public func labels() throws -> [Float] {
        var length: bst_ulong = 0
        var pointer: UnsafePointer<Float>?
        try BoostingError.check(XGDMatrixGetFloatInfo(storage.raw, "label", &length, &pointer), "XGDMatrixGetFloatInfo")
        guard let pointer, length > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(length)))
    }

    private func setFloatInfo(_ field: String, _ values: [Float]) throws {
        try values.withUnsafeBufferPointer { buffer in
            try BoostingError.check(XGDMatrixSetFloatInfo(storage.raw, field, buffer.baseAddress, bst_ulong(buffer.count)), "XGDMatrixSetFloatInfo(\(field))")
        }
    }

    /// Owns the C handle and frees it with the last copy of the matrix.
    ///
    /// `@unchecked Sendable`: the matrix is never mutated after `init`, and XGBoost only reads it.
    final class Handle: @unchecked Sendable {
        let raw: DMatrixHandle
        init(_ raw: DMatrixHandle) { self.raw = raw }
        deinit { XGDMatrixFree(raw) }
    }
}
