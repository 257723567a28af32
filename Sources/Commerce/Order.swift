import Foundation

/// An order from the online store or a POS location.
///
/// Money is in the shop's currency (`*_set.shop_money`); `presentmentCurrency` is what the buyer saw.
public struct Order: Hashable, Sendable, Codable {
    public var id: Int64
    /// "#1001".
    public var name: String
    public var orderNumber: Int?
    public var email: String?
    public var phone: String?
    public var createdAt: Date
    public var processedAt: Date?
    public var updatedAt: Date
    public var cancelledAt: Date?
    public var cancelReason: String?
    /// The shop currency all money fields are in.
    public var currency: String
    public var presentmentCurrency: String?
    public var channel: Channel
    /// The POS location, or the location named by the order; nil for most online orders.
    public var locationID: Int64?
    public var customer: Customer?
    public var browserIP: String?
    public var billingAddress: Address?
    public var shippingAddress: Address?
    /// "pending", "authorized", "paid", "partially_paid", "refunded", "partially_refunded", "voided".
    public var financialStatus: String?
    /// nil (unfulfilled), "partial", "fulfilled", "restocked".
    public var fulfillmentStatus: String?
    public var subtotalPrice: Money
    public var totalPrice: Money
    public var totalDiscounts: Money
    public var totalTax: Money
    public var lineItems: [LineItem]
    public var discountCodes: [DiscountCode]
    public var tags: [String]
    public var test: Bool
    public var refunds: [Refund]
    /// The staff member who rang the order up at POS (`user_id`); nil online.
    public var userID: Int64?
    public var shippingLines: [ShippingLine]
    /// Codes, automatic discounts and POS manual overrides, as Shopify applied them.
    public var discountApplications: [DiscountApplication]
    /// Payment attempts with their card checks, when the payload carries `transactions`.
    public var payments: [PaymentAttempt]

    public init(
        id: Int64, name: String, orderNumber: Int? = nil, email: String? = nil, phone: String? = nil,
        createdAt: Date, processedAt: Date? = nil, updatedAt: Date, cancelledAt: Date? = nil,
        cancelReason: String? = nil, currency: String, presentmentCurrency: String? = nil,
        channel: Channel, locationID: Int64? = nil, customer: Customer? = nil, browserIP: String? = nil,
        billingAddress: Address? = nil, shippingAddress: Address? = nil, financialStatus: String? = nil,
        fulfillmentStatus: String? = nil, subtotalPrice: Money, totalPrice: Money, totalDiscounts: Money,
        totalTax: Money, lineItems: [LineItem], discountCodes: [DiscountCode] = [], tags: [String] = [],
        test: Bool = false, refunds: [Refund] = [], userID: Int64? = nil, shippingLines: [ShippingLine] = [],
        discountApplications: [DiscountApplication] = [], payments: [PaymentAttempt] = []
    ) {
        self.id = id; self.name = name; self.orderNumber = orderNumber; self.email = email; self.phone = phone
        self.createdAt = createdAt; self.processedAt = processedAt; self.updatedAt = updatedAt
        self.cancelledAt = cancelledAt; self.cancelReason = cancelReason; self.currency = currency
        self.presentmentCurrency = presentmentCurrency; self.channel = channel; self.locationID = locationID
        self.customer = customer; self.browserIP = browserIP; self.billingAddress = billingAddress
        self.shippingAddress = shippingAddress; self.financialStatus = financialStatus
        self.fulfillmentStatus = fulfillmentStatus; self.subtotalPrice = subtotalPrice
        self.totalPrice = totalPrice; self.totalDiscounts = totalDiscounts; self.totalTax = totalTax
        self.lineItems = lineItems; self.discountCodes = discountCodes; self.tags = tags; self.test = test
        self.refunds = refunds; self.userID = userID; self.shippingLines = shippingLines
        self.discountApplications = discountApplications; self.payments = payments
    }
}
