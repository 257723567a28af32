/// Why a risk model could not be trained, loaded or used; `field` names the offending input.
public enum RiskModelError: Error, Equatable, CustomStringConvertible {
    case invalidInput(field: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidInput(field, reason): "\(field): \(reason)"
        }
    }
}
