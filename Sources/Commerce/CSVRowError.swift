/// A problem in an orders CSV, located by line and column.
///
/// `description` reads `line 7: column "Lineitem quantity": "abc" is not an integer`.
public struct CSVRowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based physical line where the offending record starts (the header is line 1).
    public var line: Int
    /// Header name of the offending column; "" when the record as a whole is at fault.
    public var column: String
    public var reason: String

    public init(line: Int, column: String, reason: String) {
        self.line = line; self.column = column; self.reason = reason
    }

    public var description: String {
        column.isEmpty ? "line \(line): \(reason)" : "line \(line): column \"\(column)\": \(reason)"
    }
}
