/// Why the risk kind could not train a shop's model; the message says what is missing.
public struct RiskTrainingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
