/// Why a forecast run could not start; each case names what is wrong.
public enum ForecastJobError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The shop has no daily demand yet: nothing to forecast.
    case noDemand(shopID: Int64)
    /// An option is out of range.
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case .noDemand(let shopID): "shop \(shopID) has no daily demand yet: ingest orders first"
        case let .invalidOption(name, reason): "\(name): \(reason)"
        }
    }
}
