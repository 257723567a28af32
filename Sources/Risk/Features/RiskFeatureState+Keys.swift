import Commerce
import Foundation

/// How orders and refunds are reduced to the keys their histories are kept under. Each key is a
/// prefixed string in one dictionary of series, so pruning walks a single map.
extension RiskFeatureState {
    /// The window lengths in seconds.
    static let hour: Double = 3_600
    static let day: Double = 86_400
    static let week: Double = 7 * 86_400
    static let days30: Double = 30 * 86_400
    static let days90: Double = 90 * 86_400

    /// Seconds since 1970, the time unit of every series.
    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }

    /// An amount in the currency's major units (dollars, yen).
    static func units(_ money: Money) -> Double {
        let digits = Money.minorUnitDigits(for: money.currency)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return Double(money.minorUnits) / scale
    }

    /// Trimmed and lower-cased (inner whitespace, invalid in an address anyway, collapsed); nil when empty.
    static func normalizedEmail(_ email: String?) -> String? {
        guard let email else { return nil }
        guard let e = collapse(email), !e.isEmpty else { return nil }
        return e
    }

    /// Trimmed; nil when empty.
    static func normalizedIP(_ ip: String?) -> String? {
        guard let ip else { return nil }
        guard let t = collapse(ip), !t.isEmpty else { return nil }
        return t
    }

    /// address1 + zip + country code, lower-cased with runs of whitespace collapsed to one space;
    /// nil without a street line (a zip and country alone name a whole area, not a door).
    static func normalizedAddress(_ address: Address?) -> String? {
        guard let address, let street = collapse(address.address1), !street.isEmpty else { return nil }
        let zip = collapse(address.zip) ?? ""
        let country = collapse(address.countryCode ?? address.country) ?? ""
        return street + "|" + zip + "|" + country
    }

    /// Lower-cased, trimmed, whitespace runs → one space. Scalar by scalar with an ASCII fast path:
    /// it runs on every order.
    static func collapse(_ text: String?) -> String? {
        guard let text else { return nil }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            let space = scalar.isASCII
                ? scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
                : scalar.properties.isWhitespace
            if space {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The country an address is in (ISO code when present, else the name), lower-cased.
    static func country(_ address: Address?) -> String? {
        guard let address, let c = collapse(address.countryCode ?? address.country), !c.isEmpty else { return nil }
        return c
    }

    /// The cards on an order's payment attempts (failed ones too: card testing fails), without
    /// repeats: BIN + last four digits when the payload has the masked number, else the BIN alone
    /// (a bank's range, which many buyers share, so velocity by BIN alone is much weaker).
    static func cards(_ order: Order) -> [String] {
        var out: [String] = []
        for p in order.payments {
            guard let b = p.cardBIN?.trimmingCharacters(in: .whitespaces), !b.isEmpty else { continue }
            let key = p.cardLast4.map { b + "-" + $0 } ?? b
            if !out.contains(key) { out.append(key) }
        }
        return out
    }

    /// The key a customer's own history (prior orders, refunds, gift cards) is kept under:
    /// the customer id, else the normalised email; nil for a guest without either.
    static func customerKey(customerID: Int64?, email: String?) -> String? {
        if let customerID { return "c:\(customerID)" }
        if let email { return "e:" + email }
        return nil
    }

    /// Identity for distinct-customer counts: the customer key, else the order itself (an
    /// anonymous buyer is someone nobody else is known to be).
    static func who(customerKey: String?, orderID: Int64) -> Int {
        (customerKey ?? "o:\(orderID)").hashValue
    }

    /// Gift cards (units) on the order and what they cost.
    static func giftCards(_ order: Order) -> (count: Int, value: Double) {
        var count = 0, value = 0.0
        for line in order.lineItems where line.isGiftCard {
            count += line.quantity
            value += units(line.price) * Double(line.quantity)
        }
        return (count, value)
    }

    /// The merchandise value before discounts: Σ quantity × price (Shopify's `subtotal_price`
    /// is already net of discounts), else subtotal + discounts when the order has no lines.
    static func grossSubtotal(_ order: Order) -> Double {
        var gross = 0.0
        for line in order.lineItems { gross += units(line.price) * Double(line.quantity) }
        if gross > 0 { return gross }
        return units(order.subtotalPrice) + units(order.totalDiscounts)
    }

    /// The value of the order's manual (POS override) discounts in shop currency units: a fixed
    /// amount as is; a percentage of the merchandise (or of shipping for a shipping-line target).
    /// Shopify does not say which lines a percentage applied to, so it is taken over all of them.
    static func manualDiscountValue(_ order: Order, gross: Double) -> Double {
        var total = 0.0
        for d in order.discountApplications where d.isManual {
            if d.valueType == "percentage" {
                let base = d.targetType == "shipping_line"
                    ? order.shippingLines.reduce(0.0) { $0 + units($1.price) } : gross
                total += base * d.value / 100
            } else {
                total += d.value
            }
        }
        return total
    }

    /// Key prefixes: one namespace per history.
    enum Prefix {
        static let customer = "c:"      // orders by customer id (value = total, count = gift cards)
        static let email = "e:"         // orders by email; also a guest's own history
        static let ip = "i:"
        static let card = "b:"
        static let address = "a:"
        static let staffOverrides = "so:"
        static let locationOverrides = "lo:"
        static let staffGiftCards = "sg:"
        static let staffRefunds = "rs:"
        static let locationRefunds = "rl:"
        static let customerRefunds = "rc:"
    }
}

extension RefundCheck {
    /// The check a recorded refund would have been: same time, staff, location, order and amount
    /// (the amount is the refund's transactions, else its lines' subtotals).
    public init(refund: Refund, customerID: Int64? = nil, currency: String = "USD") {
        let amount = refund.amount ?? Money(
            minorUnits: refund.lineItems.reduce(0) { $0 + $1.subtotal.minorUnits },
            currency: refund.lineItems.first?.subtotal.currency ?? currency)
        self.init(
            at: refund.processedAt ?? refund.createdAt, locationID: refund.locationID, staffID: refund.userID,
            customerID: customerID, orderID: refund.orderID, amount: amount)
    }
}
