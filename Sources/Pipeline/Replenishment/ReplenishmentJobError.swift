/// Why a replenishment plan could not be made.
public enum ReplenishmentJobError: Error, Hashable, Sendable, CustomStringConvertible {
    case noForecast(shopID: Int64)
    case unknownForecastRun(shopID: Int64, runID: Int64)
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case .noForecast(let shop): "shop \(shop) has no completed forecast run; run `storewise forecast --shop DOMAIN` first"
        case .unknownForecastRun(let shop, let run): "shop \(shop) has no forecast run \(run)"
        case .invalidOption(let name, let reason): "replenishment option \(name): \(reason)"
        }
    }
}
