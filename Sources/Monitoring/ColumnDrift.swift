/// The drift decision for one column, with the numbers behind it.
public struct ColumnDrift: Sendable, Hashable, Codable {
    public var name: String
    public var method: DriftMethod
    /// The p-value for ks/chisquare/z, the distance for wasserstein/jensenshannon, the PSI value for psi.
    public var statistic: Double
    public var threshold: Double
    public var drifted: Bool
    /// PSI over Evidently's PSI binning, always computed beside the main test.
    public var psi: Double
    /// Rows after dropping non-finite numbers.
    public var referenceRows: Int
    public var currentRows: Int
    /// Distinct values in reference ∪ current (what the default method selection looks at).
    public var uniqueValues: Int
    public var isNumerical: Bool
    /// The binning used for PSI/JS (Sturges edges or one bucket per value), at most 30 buckets.
    public var bins: [DriftBin]

    public init(
        name: String, method: DriftMethod, statistic: Double, threshold: Double, drifted: Bool, psi: Double,
        referenceRows: Int, currentRows: Int, uniqueValues: Int, isNumerical: Bool, bins: [DriftBin]
    ) {
        self.name = name; self.method = method; self.statistic = statistic; self.threshold = threshold
        self.drifted = drifted; self.psi = psi; self.referenceRows = referenceRows; self.currentRows = currentRows
        self.uniqueValues = uniqueValues; self.isNumerical = isNumerical; self.bins = bins
    }
}
