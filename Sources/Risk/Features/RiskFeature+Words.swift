import Foundation

/// Each feature in words a store associate understands, for facts and the dashboard.
///
/// What each value means (computed by `RiskFeatureState`; windows are (t − w, t] before the subject):
/// - `customer/email/ip/card/addressOrders1h…30d`: earlier orders with the same customer id, email
///   (trimmed, lower-cased), browser IP, card (BIN + last four digits; the BIN alone when the
///   payload has no masked number), or shipping address (address1 + zip + country).
/// - `ipDistinctCustomers24h`, `cardDistinctCustomers7d`: distinct buyers (customer id, else email,
///   else the order alone) among those earlier orders, plus the subject's own buyer.
/// - `orderAmount`: the total (a refund's, gift-card sale's or override sale's amount for POS checks).
/// - `amountToCustomerMean`: amount ÷ the mean of the customer's earlier order totals.
/// - `amountToShopMedian`: amount ÷ the median of the shop's last 1,000 recorded order totals.
/// - `customerPriorOrders`, `daysSinceCustomerLastOrder`: the customer's earlier orders and days since the last.
/// - `isNewCustomer`: no earlier order with the customer id or email; a guest without email is new.
/// - `newCustomerHighValue`: new and amount ≥ `highValueMultiple` × the shop median.
/// - `billingShippingCountryDiffer`: 1 when the countries differ (NaN when either is missing).
/// - `expressShippingFirstOrder`: a new customer's order with an express shipping line.
/// - `discountUsed`, `discountShare`: any discount; discounts ÷ the merchandise value before discounts.
/// - `giftCardShare`, `giftCardCount`: gift-card value ÷ total; gift cards (units) on the order.
/// - `placedAtNight`: local hour 0 … 6 (the handbook's `hour ≤ 6`).
/// - `paymentAttempts`, `failedPaymentAttempts`: authorizations and sales; those that failed or erred.
/// - `distinctCardsOnOrder`: distinct cards (BIN + brand) over the attempts.
/// - `avsMismatch`, `cvvMismatch`: see `RiskFeatureState.avsMismatch` / `cvvMismatch`.
/// - `customerRefunds30d`, `customerRefundRate90d`: the customer's refunds; refunded ÷ ordered value.
/// - `isPOS`: sold at a POS location. `staffRefunds*`, `locationRefunds24h`: refunds the same staff
///   member / location gave. `refundWithoutMatchingSale`: a refund with no receipt or for an order
///   never recorded. `staff/locationDiscountOverrides*`: orders with a manual discount rung up by the
///   same staff member / at the location. `manualDiscountShare`: manual discount ÷ merchandise value.
/// - `customerGiftCardPurchases24h`, `staffGiftCardSales24h`: gift cards bought by the customer /
///   sold by the staff member in the last day.
extension RiskFeature {
    /// A short column title ("Orders from this card, last hour").
    public var title: String {
        switch self {
        case .customerOrders1h: "Orders from this customer, last hour"
        case .customerOrders24h: "Orders from this customer, last 24 hours"
        case .customerOrders7d: "Orders from this customer, last 7 days"
        case .customerOrders30d: "Orders from this customer, last 30 days"
        case .emailOrders1h: "Orders with this email, last hour"
        case .emailOrders24h: "Orders with this email, last 24 hours"
        case .emailOrders7d: "Orders with this email, last 7 days"
        case .emailOrders30d: "Orders with this email, last 30 days"
        case .ipOrders1h: "Orders from this IP address, last hour"
        case .ipOrders24h: "Orders from this IP address, last 24 hours"
        case .ipOrders7d: "Orders from this IP address, last 7 days"
        case .ipOrders30d: "Orders from this IP address, last 30 days"
        case .cardOrders1h: "Orders with this card, last hour"
        case .cardOrders24h: "Orders with this card, last 24 hours"
        case .cardOrders7d: "Orders with this card, last 7 days"
        case .cardOrders30d: "Orders with this card, last 30 days"
        case .addressOrders1h: "Orders to this address, last hour"
        case .addressOrders24h: "Orders to this address, last 24 hours"
        case .addressOrders7d: "Orders to this address, last 7 days"
        case .addressOrders30d: "Orders to this address, last 30 days"
        case .ipDistinctCustomers24h: "Customers using this IP address, last 24 hours"
        case .cardDistinctCustomers7d: "Customers using this card, last 7 days"
        case .orderAmount: "Amount"
        case .amountToCustomerMean: "Amount against the customer's usual order"
        case .amountToShopMedian: "Amount against the store's typical order"
        case .customerPriorOrders: "Customer's earlier orders"
        case .daysSinceCustomerLastOrder: "Days since the customer's last order"
        case .isNewCustomer: "New customer"
        case .newCustomerHighValue: "New customer, large order"
        case .billingShippingCountryDiffer: "Billing and shipping countries differ"
        case .expressShippingFirstOrder: "Express shipping on a first order"
        case .discountUsed: "Discount used"
        case .discountShare: "Discount share"
        case .giftCardShare: "Gift card share"
        case .giftCardCount: "Gift cards"
        case .placedAtNight: "Placed at night"
        case .paymentAttempts: "Payment attempts"
        case .failedPaymentAttempts: "Failed payment attempts"
        case .distinctCardsOnOrder: "Cards used"
        case .avsMismatch: "Billing address check"
        case .cvvMismatch: "Card security code check"
        case .customerRefunds30d: "Customer's refunds, last 30 days"
        case .customerRefundRate90d: "Customer's refund rate, last 90 days"
        case .isPOS: "In store (POS)"
        case .staffRefunds24h: "Refunds by this staff member, last 24 hours"
        case .staffRefunds7d: "Refunds by this staff member, last 7 days"
        case .locationRefunds24h: "Refunds at this location, last 24 hours"
        case .refundWithoutMatchingSale: "Refund without a matching sale"
        case .staffDiscountOverrides24h: "Price overrides by this staff member, last 24 hours"
        case .staffDiscountOverrides7d: "Price overrides by this staff member, last 7 days"
        case .locationDiscountOverrides24h: "Price overrides at this location, last 24 hours"
        case .manualDiscountShare: "Price override share"
        case .customerGiftCardPurchases24h: "Gift cards bought by this customer, last 24 hours"
        case .staffGiftCardSales24h: "Gift cards sold by this staff member, last 24 hours"
        }
    }

    /// Whether the feature is a yes/no (0 or 1) rather than a count, amount or ratio.
    public var isFlag: Bool {
        switch self {
        case .isNewCustomer, .newCustomerHighValue, .billingShippingCountryDiffer, .expressShippingFirstOrder,
             .discountUsed, .placedAtNight, .avsMismatch, .cvvMismatch, .isPOS, .refundWithoutMatchingSale:
            true
        default:
            false
        }
    }

    /// The value in a sentence ("6 earlier orders with this card in the last hour"). Counts,
    /// amounts and ratios carry their number; yes/no features read as a statement or its negation;
    /// NaN reads as "not known".
    public func phrase(_ value: Double) -> String {
        guard !value.isNaN else { return title + ": not known" }
        let n = Self.number(value)
        let yes = value >= 0.5
        switch self {
        case .customerOrders1h: return Self.orders(value, "from this customer", "in the last hour")
        case .customerOrders24h: return Self.orders(value, "from this customer", "in the last 24 hours")
        case .customerOrders7d: return Self.orders(value, "from this customer", "in the last 7 days")
        case .customerOrders30d: return Self.orders(value, "from this customer", "in the last 30 days")
        case .emailOrders1h: return Self.orders(value, "with this email address", "in the last hour")
        case .emailOrders24h: return Self.orders(value, "with this email address", "in the last 24 hours")
        case .emailOrders7d: return Self.orders(value, "with this email address", "in the last 7 days")
        case .emailOrders30d: return Self.orders(value, "with this email address", "in the last 30 days")
        case .ipOrders1h: return Self.orders(value, "from this IP address", "in the last hour")
        case .ipOrders24h: return Self.orders(value, "from this IP address", "in the last 24 hours")
        case .ipOrders7d: return Self.orders(value, "from this IP address", "in the last 7 days")
        case .ipOrders30d: return Self.orders(value, "from this IP address", "in the last 30 days")
        case .cardOrders1h: return Self.orders(value, "with this card", "in the last hour")
        case .cardOrders24h: return Self.orders(value, "with this card", "in the last 24 hours")
        case .cardOrders7d: return Self.orders(value, "with this card", "in the last 7 days")
        case .cardOrders30d: return Self.orders(value, "with this card", "in the last 30 days")
        case .addressOrders1h: return Self.orders(value, "to this shipping address", "in the last hour")
        case .addressOrders24h: return Self.orders(value, "to this shipping address", "in the last 24 hours")
        case .addressOrders7d: return Self.orders(value, "to this shipping address", "in the last 7 days")
        case .addressOrders30d: return Self.orders(value, "to this shipping address", "in the last 30 days")
        case .ipDistinctCustomers24h:
            return "\(n) \(value == 1 ? "customer" : "different customers") ordered from this IP address in the last 24 hours"
        case .cardDistinctCustomers7d:
            return "\(n) \(value == 1 ? "customer" : "different customers") used this card in the last 7 days"
        case .orderAmount: return "The amount is \(n)"
        case .amountToCustomerMean: return "The amount is \(Self.times(value)) this customer's usual order"
        case .amountToShopMedian: return "The amount is \(Self.times(value)) the store's typical order"
        case .customerPriorOrders:
            return value == 0 ? "The customer has 0 earlier orders"
                : "The customer has \(n) earlier \(value == 1 ? "order" : "orders")"
        case .daysSinceCustomerLastOrder:
            return "The customer's last order was \(n) \(value == 1 ? "day" : "days") earlier"
        case .isNewCustomer: return yes ? "This is the customer's first order" : "The customer has ordered before"
        case .newCustomerHighValue:
            return yes ? "A first order that is much larger than the store's typical order"
                : "Not a large first order"
        case .billingShippingCountryDiffer:
            return yes ? "The billing and shipping countries differ" : "The billing and shipping countries match"
        case .expressShippingFirstOrder:
            return yes ? "Express shipping on the customer's first order" : "No express shipping on a first order"
        case .discountUsed: return yes ? "A discount was used" : "No discount was used"
        case .discountShare: return "Discounts are \(Self.percent(value)) of the price"
        case .giftCardShare: return "Gift cards are \(Self.percent(value)) of the amount"
        case .giftCardCount: return "\(n) gift \(value == 1 ? "card" : "cards") in this sale"
        case .placedAtNight: return yes ? "Placed at night (midnight to 7 am)" : "Placed during the day"
        case .paymentAttempts: return "\(n) payment \(value == 1 ? "attempt" : "attempts")"
        case .failedPaymentAttempts: return "\(n) failed payment \(value == 1 ? "attempt" : "attempts")"
        case .distinctCardsOnOrder: return "Paid with \(n) \(value == 1 ? "card" : "different cards")"
        case .avsMismatch:
            return yes ? "The billing address does not match the card's address"
                : "The billing address matches the card's address"
        case .cvvMismatch:
            return yes ? "The card security code (CVV) was wrong" : "The card security code (CVV) was correct"
        case .customerRefunds30d:
            return "\(n) \(value == 1 ? "refund" : "refunds") to this customer in the last 30 days"
        case .customerRefundRate90d:
            return "This customer was refunded \(Self.percent(value)) of what they ordered in the last 90 days"
        case .isPOS: return yes ? "Sold in store" : "Sold online"
        case .staffRefunds24h:
            return "\(n) \(value == 1 ? "refund" : "refunds") by this staff member in the last 24 hours"
        case .staffRefunds7d:
            return "\(n) \(value == 1 ? "refund" : "refunds") by this staff member in the last 7 days"
        case .locationRefunds24h:
            return "\(n) \(value == 1 ? "refund" : "refunds") at this location in the last 24 hours"
        case .refundWithoutMatchingSale:
            return yes ? "No matching sale was found for this refund" : "The refunded sale was found"
        case .staffDiscountOverrides24h:
            return "\(n) price \(value == 1 ? "override" : "overrides") by this staff member in the last 24 hours"
        case .staffDiscountOverrides7d:
            return "\(n) price \(value == 1 ? "override" : "overrides") by this staff member in the last 7 days"
        case .locationDiscountOverrides24h:
            return "\(n) price \(value == 1 ? "override" : "overrides") at this location in the last 24 hours"
        case .manualDiscountShare: return "A manual price override of \(Self.percent(value)) of the price"
        case .customerGiftCardPurchases24h:
            return "\(n) gift \(value == 1 ? "card" : "cards") bought by this customer in the last 24 hours"
        case .staffGiftCardSales24h:
            return "\(n) gift \(value == 1 ? "card" : "cards") sold by this staff member in the last 24 hours"
        }
    }

    private static func orders(_ value: Double, _ key: String, _ window: String) -> String {
        "\(number(value)) earlier \(value == 1 ? "order" : "orders") \(key) \(window)"
    }

    /// "3.2 times" / "half" style ratio words.
    private static func times(_ value: Double) -> String { number(value) + " times" }

    /// 0.253 → "25 %"; 0.005 → "0.5 %".
    private static func percent(_ value: Double) -> String { number(value * 100) + " %" }

    /// Whole numbers without decimals, others with at most one (two below 1) — no `String(format:)`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "unlimited" : "-unlimited" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let digits = abs(value) < 1 ? 100.0 : 10.0
        let rounded = (value * digits).rounded() / digits
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}
