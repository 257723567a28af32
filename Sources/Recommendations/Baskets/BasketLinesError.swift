/// Why a basket-lines file could not be read, naming the source, line and column.
public struct BasketLinesError: Error, Equatable, CustomStringConvertible {
    public var source: String
    /// 1-based line number in the source (the header is line 1).
    public var line: Int
    public var column: String?
    public var reason: String

    public init(source: String, line: Int, column: String?, reason: String) {
        self.source = source; self.line = line; self.column = column; self.reason = reason
    }

    public var description: String {
        "\(source):\(line)" + (column.map { " column \($0)" } ?? "") + ": \(reason)"
    }
}
