/// The result of one import: what was kept, what was already there, and every rejected row with its reason.
public struct ImportReport: Sendable, Hashable, Codable {
    /// A rejected line of the input file.
    public struct Problem: Sendable, Hashable, Codable, CustomStringConvertible {
        /// 1-based line number in the file.
        public var line: Int
        public var reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }

        public var description: String { "line \(line): \(reason)" }
    }

    /// Events newly stored.
    public var stored = 0
    /// Events already in the log (a re-import): nothing written.
    public var duplicates = 0
    public var problems: [Problem] = []

    public init() {}

    public var rejected: Int { problems.count }
}
