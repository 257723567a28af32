/// One order read from an orders CSV, with where it came from.
public struct ParsedCSVOrder: Hashable, Sendable {
    public var order: Order
    /// 1-based line numbers of the order's rows (one per line item).
    public var lines: [Int]
    /// The export's `Location` column: a location *name*, since the CSV carries no location id.
    public var locationName: String?

    public init(order: Order, lines: [Int], locationName: String?) {
        self.order = order; self.lines = lines; self.locationName = locationName
    }
}
