/// One input of the order and POS risk models. The case order is the column order of
/// `RiskFeatureVector` and of every trained model's matrix: append new cases at the end, never
/// reorder (a stored model names its columns, and loading one with other columns is refused).
///
/// Velocity features count the subject's *earlier* orders with the same key inside the window
/// (the subject itself is not counted); a missing key (no IP on a POS order) is NaN, not 0.
public enum RiskFeature: String, CaseIterable, Sendable, Codable {
    // Velocity per customer, email, browser IP, card BIN and shipping address.
    case customerOrders1h, customerOrders24h, customerOrders7d, customerOrders30d
    case emailOrders1h, emailOrders24h, emailOrders7d, emailOrders30d
    case ipOrders1h, ipOrders24h, ipOrders7d, ipOrders30d
    case cardOrders1h, cardOrders24h, cardOrders7d, cardOrders30d
    case addressOrders1h, addressOrders24h, addressOrders7d, addressOrders30d
    /// Distinct customers (or emails) seen from the same IP / card in 24 h: shared-device signals.
    case ipDistinctCustomers24h, cardDistinctCustomers7d

    // Amount and the customer's own history.
    /// The order total in shop currency units.
    case orderAmount
    /// Total ÷ the customer's mean earlier order total (NaN without history).
    case amountToCustomerMean
    /// Total ÷ the shop's running median order total.
    case amountToShopMedian
    /// The customer's earlier orders seen (all time).
    case customerPriorOrders
    /// Days since the customer's previous order (NaN for a first order).
    case daysSinceCustomerLastOrder
    /// 1 for a first order from this customer (or a guest checkout).
    case isNewCustomer
    /// 1 when a first order is also high value (≥ 3 × the shop's median).
    case newCustomerHighValue

    // Order shape.
    case billingShippingCountryDiffer
    case expressShippingFirstOrder
    case discountUsed
    /// Discounts ÷ subtotal.
    case discountShare
    /// Share of the total spent on gift cards.
    case giftCardShare
    case giftCardCount
    /// Local hour 0–6 in the shop's time zone offset the order carries.
    case placedAtNight

    // Payment.
    case paymentAttempts
    case failedPaymentAttempts
    case distinctCardsOnOrder
    /// 1 when the processor's address check did not match (NaN when absent).
    case avsMismatch
    /// 1 when the card security code did not match (NaN when absent).
    case cvvMismatch

    // Returns and refunds.
    case customerRefunds30d
    /// Refunded ÷ ordered value for the customer over 90 days.
    case customerRefundRate90d

    // POS: staff and location.
    case isPOS
    case staffRefunds24h, staffRefunds7d
    case locationRefunds24h
    /// 1 for a refund whose sale Storewise never saw at this shop.
    case refundWithoutMatchingSale
    case staffDiscountOverrides24h, staffDiscountOverrides7d
    case locationDiscountOverrides24h
    /// Manual (override) discount ÷ subtotal on this subject.
    case manualDiscountShare
    case customerGiftCardPurchases24h
    case staffGiftCardSales24h

    /// Column index in a `RiskFeatureVector`.
    public var index: Int { Self.indexes[self]! }

    private static let indexes: [RiskFeature: Int] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    /// The column names in order, as stored with a trained model.
    public static var columnNames: [String] { allCases.map(\.rawValue) }
}
