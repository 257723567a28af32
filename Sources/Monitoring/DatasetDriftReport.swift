/// Drift over a whole sample: each column's decision and whether enough of them drifted.
public struct DatasetDriftReport: Sendable, Hashable, Codable {
    public var columns: [ColumnDrift]
    public var driftedCount: Int
    /// `driftedCount / columns.count`.
    public var share: Double
    /// `share >= DriftOptions.driftShare` (Evidently's `get_dataset_drift`).
    public var datasetDrift: Bool
    /// The largest row count among the input columns, before dropping non-finite numbers.
    public var referenceRows: Int
    public var currentRows: Int

    public init(
        columns: [ColumnDrift], driftedCount: Int, share: Double, datasetDrift: Bool,
        referenceRows: Int, currentRows: Int
    ) {
        self.columns = columns; self.driftedCount = driftedCount; self.share = share
        self.datasetDrift = datasetDrift; self.referenceRows = referenceRows; self.currentRows = currentRows
    }
}
