/// A Shopify webhook topic, as sent in `X-Shopify-Topic`.
public enum WebhookTopic: Hashable, Sendable {
    case ordersCreate, ordersUpdated, ordersPaid, ordersCancelled
    case refundsCreate
    case productsCreate, productsUpdate, productsDelete
    case customersCreate, customersUpdate
    case inventoryLevelsUpdate
    case locationsCreate, locationsUpdate
    case appUninstalled
    case customersDataRequest, customersRedact, shopRedact
    /// Shopify Payments chargebacks and inquiries (scope `read_shopify_payments_disputes`).
    case disputesCreate, disputesUpdate
    /// A topic Storewise does not interpret: kept in the event log, logged, never fatal.
    case unknown(String)

    /// Every topic Storewise consumes, for webhook registration and docs.
    public static let known: [WebhookTopic] = [
        .ordersCreate, .ordersUpdated, .ordersPaid, .ordersCancelled, .refundsCreate,
        .productsCreate, .productsUpdate, .productsDelete, .customersCreate, .customersUpdate,
        .inventoryLevelsUpdate, .locationsCreate, .locationsUpdate, .appUninstalled, .customersDataRequest, .customersRedact, .shopRedact,
        .disputesCreate, .disputesUpdate,
    ]

    public init(_ raw: String) {
        let lowered = raw.lowercased()
        self = Self.known.first { $0.rawValue == lowered } ?? .unknown(raw)
    }

    /// Shopify's topic string ("orders/create").
    public var rawValue: String {
        switch self {
        case .ordersCreate: "orders/create"
        case .ordersUpdated: "orders/updated"
        case .ordersPaid: "orders/paid"
        case .ordersCancelled: "orders/cancelled"
        case .refundsCreate: "refunds/create"
        case .productsCreate: "products/create"
        case .productsUpdate: "products/update"
        case .productsDelete: "products/delete"
        case .customersCreate: "customers/create"
        case .customersUpdate: "customers/update"
        case .inventoryLevelsUpdate: "inventory_levels/update"
        case .locationsCreate: "locations/create"
        case .locationsUpdate: "locations/update"
        case .appUninstalled: "app/uninstalled"
        case .customersDataRequest: "customers/data_request"
        case .customersRedact: "customers/redact"
        case .shopRedact: "shop/redact"
        case .disputesCreate: "disputes/create"
        case .disputesUpdate: "disputes/update"
        case .unknown(let raw): raw
        }
    }
}
