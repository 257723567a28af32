import Foundation

/// A decoded webhook body: what Storewise understood of one event.
public enum WebhookPayload: Hashable, Sendable {
    case order(Order)
    case refund(Refund)
    case product(Product)
    case productDeleted(id: Int64)
    case customer(Customer)
    case inventoryLevel(InventoryLevel)
    case location(Location)
    case appUninstalled(shopID: Int64?, domain: String?)
    case customersDataRequest(CustomerPrivacyRequest)
    case customersRedact(CustomerPrivacyRequest)
    case shopRedact(shopID: Int64?, domain: String?)
    /// disputes/create and disputes/update: a chargeback or inquiry, the delayed fraud label.
    case dispute(Dispute)
    /// A topic Storewise keeps but does not interpret.
    case unknown(topic: String)
}

/// The body of customers/data_request and customers/redact (GDPR).
public struct CustomerPrivacyRequest: Hashable, Sendable, Codable {
    public var shopID: Int64?
    public var shopDomain: String?
    public var customerID: Int64
    public var customerEmail: String?
    public var customerPhone: String?
    /// `orders_to_redact` or `orders_requested`.
    public var orderIDs: [Int64]
    /// `data_request.id`, for data requests.
    public var requestID: Int64?

    public init(
        shopID: Int64?, shopDomain: String?, customerID: Int64, customerEmail: String?,
        customerPhone: String?, orderIDs: [Int64], requestID: Int64?
    ) {
        self.shopID = shopID; self.shopDomain = shopDomain; self.customerID = customerID
        self.customerEmail = customerEmail; self.customerPhone = customerPhone; self.orderIDs = orderIDs
        self.requestID = requestID
    }
}
