/// What `OrdersCSV.parse` made of a file: the good orders, and why the others were dropped.
public struct OrdersCSVResult: Hashable, Sendable {
    /// Orders in the order their first row appears in the file.
    public var orders: [ParsedCSVOrder]
    /// One entry per problem; a bad row drops its whole order, never the file (except for a
    /// missing required column, reported against line 1).
    public var errors: [CSVRowError]

    public init(orders: [ParsedCSVOrder], errors: [CSVRowError]) {
        self.orders = orders; self.errors = errors
    }
}
