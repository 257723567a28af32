import Commerce
import Foundation

/// What a risk score is asked about: an order as it arrives, or a POS action an associate is
/// about to complete (the pre-check answers before the associate hands anything over).
public enum RiskSubject: Sendable, Hashable {
    case order(Order)
    case refund(RefundCheck)
    case giftCardSale(GiftCardCheck)
    case discountOverride(DiscountOverrideCheck)

    /// When the subject happens; the windows end here.
    public var at: Date {
        switch self {
        case .order(let o): o.processedAt ?? o.createdAt
        case .refund(let r): r.at
        case .giftCardSale(let g): g.at
        case .discountOverride(let d): d.at
        }
    }
}

/// A refund an associate is about to give.
public struct RefundCheck: Sendable, Hashable, Codable {
    public var at: Date
    public var locationID: Int64?
    public var staffID: Int64?
    public var customerID: Int64?
    /// The order being refunded, when the associate found it; nil for a refund without a receipt.
    public var orderID: Int64?
    public var amount: Money

    public init(at: Date, locationID: Int64?, staffID: Int64?, customerID: Int64? = nil, orderID: Int64? = nil, amount: Money) {
        self.at = at; self.locationID = locationID; self.staffID = staffID; self.customerID = customerID
        self.orderID = orderID; self.amount = amount
    }
}

/// Gift cards an associate is about to sell.
public struct GiftCardCheck: Sendable, Hashable, Codable {
    public var at: Date
    public var locationID: Int64?
    public var staffID: Int64?
    public var customerID: Int64?
    /// Cards in this sale and their total value.
    public var count: Int
    public var amount: Money
    /// "cash", "card", "gift_card", … when known.
    public var paymentMethod: String?

    public init(at: Date, locationID: Int64?, staffID: Int64?, customerID: Int64? = nil, count: Int, amount: Money, paymentMethod: String? = nil) {
        self.at = at; self.locationID = locationID; self.staffID = staffID; self.customerID = customerID
        self.count = count; self.amount = amount; self.paymentMethod = paymentMethod
    }
}

/// A price override an associate is about to key in.
public struct DiscountOverrideCheck: Sendable, Hashable, Codable {
    public var at: Date
    public var locationID: Int64?
    public var staffID: Int64?
    public var customerID: Int64?
    public var subtotal: Money
    public var discount: Money

    public init(at: Date, locationID: Int64?, staffID: Int64?, customerID: Int64? = nil, subtotal: Money, discount: Money) {
        self.at = at; self.locationID = locationID; self.staffID = staffID; self.customerID = customerID
        self.subtotal = subtotal; self.discount = discount
    }
}
