/// Why a customer-value model could not be fitted or evaluated; each case names what is wrong.
public enum CustomerValueError: Error, Equatable, CustomStringConvertible {
    /// There are no customers to fit.
    case emptyData
    /// A customer's input is out of range: `field` of customer `index`.
    case invalidInput(index: Int, field: String, reason: String)
    /// A model parameter or argument is out of its range.
    case invalidParameter(name: String, reason: String)
    /// The optimizer behind a fit failed.
    case optimizationFailed(model: String, reason: String)

    public var description: String {
        switch self {
        case .emptyData: "no customers to fit"
        case let .invalidInput(index, field, reason): "customer \(index): \(field): \(reason)"
        case let .invalidParameter(name, reason): "\(name): \(reason)"
        case let .optimizationFailed(model, reason): "\(model): optimization failed: \(reason)"
        }
    }
}
