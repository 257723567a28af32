import Foundation

/// A refund of (part of) an order, from refunds/create or embedded in an order.
public struct Refund: Hashable, Sendable, Codable {
    public var id: Int64
    public var orderID: Int64
    public var createdAt: Date
    public var processedAt: Date?
    /// Free-text reason the merchant or customer gave.
    public var note: String?
    public var lineItems: [RefundLineItem]
    /// Sum of the refund's `kind == "refund"` successful transactions, in shop currency.
    public var amount: Money?
    /// The staff member who issued it (`user_id`), at POS or in the admin.
    public var userID: Int64?
    /// Where the money went back: the refund transaction's `location_id` (POS), nil online.
    public var locationID: Int64?

    public init(
        id: Int64, orderID: Int64, createdAt: Date, processedAt: Date? = nil, note: String? = nil,
        lineItems: [RefundLineItem], amount: Money? = nil, userID: Int64? = nil, locationID: Int64? = nil
    ) {
        self.id = id; self.orderID = orderID; self.createdAt = createdAt; self.processedAt = processedAt
        self.note = note; self.lineItems = lineItems; self.amount = amount; self.userID = userID
        self.locationID = locationID
    }
}

/// One refunded line: which order line, how many, and whether the units went back to stock.
public struct RefundLineItem: Hashable, Sendable, Codable {
    public var id: Int64
    public var lineItemID: Int64
    /// From the embedded `line_item`, so demand can be adjusted without looking the order up.
    public var variantID: Int64?
    public var quantity: Int
    /// "no_restock", "cancel", "return" or "legacy_restock".
    public var restockType: String
    /// Where restocked units went.
    public var locationID: Int64?
    public var subtotal: Money

    public init(
        id: Int64, lineItemID: Int64, variantID: Int64?, quantity: Int, restockType: String,
        locationID: Int64?, subtotal: Money
    ) {
        self.id = id; self.lineItemID = lineItemID; self.variantID = variantID; self.quantity = quantity
        self.restockType = restockType; self.locationID = locationID; self.subtotal = subtotal
    }
}
