/// Why a scoring run could not be made; each case names what is missing or wrong.
public enum CustomerScoringJobError: Error, Equatable, CustomStringConvertible {
    case unknownShop(shopID: Int64)
    /// Too few customers with a counted order to fit the models.
    case notEnoughCustomers(shopID: Int64, customers: Int, minimum: Int)
    case invalidOption(name: String, reason: String)
    /// The models could not be fitted or evaluated.
    case modelFailed(reason: String)

    public var description: String {
        switch self {
        case let .unknownShop(id): "shop \(id) does not exist"
        case let .notEnoughCustomers(id, customers, minimum):
            "shop \(id) has \(customers) customers with a counted order; scoring needs at least \(minimum)"
        case let .invalidOption(name, reason): "\(name): \(reason)"
        case let .modelFailed(reason): "customer-value model failed: \(reason)"
        }
    }
}
