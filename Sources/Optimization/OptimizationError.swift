/// Why an optimization could not run.
public enum OptimizationError: Error, Equatable, CustomStringConvertible {
    case dimensionMismatch(start: Int, lower: Int, upper: Int)
    case invalidBounds(index: Int, lower: Double, upper: Double)
    case nloptFailure(code: Int, operation: String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(start, lower, upper):
            "start has \(start) values but lower has \(lower) and upper \(upper)"
        case let .invalidBounds(index, lower, upper):
            "bounds[\(index)]: lower \(lower) is above upper \(upper)"
        case let .nloptFailure(code, operation):
            "\(operation) failed with NLopt code \(code)"
        }
    }
}
