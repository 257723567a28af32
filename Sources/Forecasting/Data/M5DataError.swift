/// A file in M5 layout that cannot be read; names the file, line and column.
public struct M5DataError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var field: String
    public var reason: String

    public init(file: String, line: Int, field: String, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(file) line \(line), \(field): \(reason)" }
}
