/// One bucket of a column's binned distribution, for charts: a category or a Sturges interval.
public struct DriftBin: Sendable, Hashable, Codable {
    /// The category, or the interval as `[lower, upper)` (the last interval is closed).
    public var label: String
    /// Share of reference rows in the bucket (0...1, no epsilon added).
    public var referenceShare: Double
    /// Share of current rows in the bucket (0...1, no epsilon added).
    public var currentShare: Double

    public init(label: String, referenceShare: Double, currentShare: Double) {
        self.label = label; self.referenceShare = referenceShare; self.currentShare = currentShare
    }
}
