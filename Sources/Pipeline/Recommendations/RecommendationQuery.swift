/// One request for recommendations, from the API, the App Proxy or the dashboard.
public struct RecommendationQuery: Sendable, Equatable {
    /// What the recommendations are for.
    public enum Surface: Sendable, Equatable {
        /// "Frequently bought together" on a product page.
        case product(Int64)
        /// Add-ons for a cart, with items viewed in the session as weaker seeds.
        case cart(items: [Int64], viewed: [Int64])
        /// "Picked for you": the customer's own history, plus items viewed in the session.
        case customer(Int64, viewed: [Int64])
        /// A page without a product or cart (home, collection, a guest's empty cart): items viewed in
        /// the session when any, else trending products and best sellers.
        case home(viewed: [Int64])

        /// The name logged and returned (`product`, `cart`, `customer`).
        public var name: String {
            switch self {
            case .product: "product"
            case .cart: "cart"
            case .customer: "customer"
            case .home: "home"
            }
        }
    }

    public var shopID: Int64
    public var surface: Surface
    /// How many products to return (1…50).
    public var limit: Int
    /// The shopper when known (App Proxy's `logged_in_customer_id`, or the customer surface):
    /// used to leave out what they already bought when the shop asks for it, and logged hashed.
    public var customerID: Int64?
    /// Overrides the shop's "never already bought" setting for this request.
    public var excludePurchased: Bool?
    /// Caller's request id (echoed and logged); the engine makes one when nil.
    public var requestID: String?
    /// Where the request came from (`api`, `app_proxy`, `dashboard`), for the log.
    public var channel: String

    public init(shopID: Int64, surface: Surface, limit: Int = 8, customerID: Int64? = nil, excludePurchased: Bool? = nil,
                requestID: String? = nil, channel: String = "api") {
        self.shopID = shopID; self.surface = surface; self.limit = limit; self.customerID = customerID
        self.excludePurchased = excludePurchased; self.requestID = requestID; self.channel = channel
    }
}
