/// Why a recommendation request or job could not be served, naming the field or the shop.
public enum RecommendationError: Error, Equatable, CustomStringConvertible {
    case unknownProduct(Int64)
    case unknownCustomer(Int64)
    case invalid(field: String, reason: String)
    /// The shop has no orders with products to learn from.
    case noBaskets(shopID: Int64)

    public var description: String {
        switch self {
        case .unknownProduct(let id): "no product \(id) in this shop"
        case .unknownCustomer(let id): "no customer \(id) in this shop"
        case .invalid(let field, let reason): "\(field): \(reason)"
        case .noBaskets(let shop): "shop \(shop) has no orders with products yet; recommendations need at least one"
        }
    }
}
