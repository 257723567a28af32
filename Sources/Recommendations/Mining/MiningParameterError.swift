/// A mining threshold out of range, naming the parameter.
public struct MiningParameterError: Error, Equatable, CustomStringConvertible {
    public var parameter: String
    public var reason: String

    public init(parameter: String, reason: String) {
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "\(parameter): \(reason)" }
}
