import Commerce
import Foundation

/// Small hand-made Shopify values for tests whose expected numbers are worked out by hand.
public enum SampleOrders {
    /// An instant from an ISO 8601 string with offset, e.g. "2024-03-10T03:30:00Z".
    public static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { fatalError("bad test date \(text)") }
        return date
    }

    public static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "USD") }

    /// A customer with personal data that a redaction must remove.
    public static func customer(id: Int64 = 7001, email: String = "ada@example.com", updatedAt: String = "2024-01-01T00:00:00Z") -> Customer {
        Customer(
            id: id, email: email, phone: "+15555550101", firstName: "Ada", lastName: "Lovelace", state: "enabled",
            acceptsEmailMarketing: true,
            defaultAddress: Address(firstName: "Ada", lastName: "Lovelace", address1: "12 Analytical Row", city: "London", zip: "N1 7AA", countryCode: "GB", phone: "+15555550101"),
            createdAt: date("2024-01-01T00:00:00Z"), updatedAt: date(updatedAt)
        )
    }

    /// An order of `lines` (variant id, quantity, unit price in cents), all money in USD.
    public static func order(
        id: Int64 = 5001, name: String = "#1001", createdAt: String = "2024-03-10T15:00:00Z",
        updatedAt: String? = nil, lines: [(variant: Int64, quantity: Int, cents: Int64)] = [(9001, 2, 1250)],
        customer: Customer? = SampleOrders.customer(), financialStatus: String = "paid",
        channel: Channel = .web, locationID: Int64? = nil, cancelledAt: String? = nil
    ) -> Order {
        let items = lines.enumerated().map { index, line in
            LineItem(
                id: id * 10 + Int64(index), productID: line.variant / 10, variantID: line.variant, title: "Item \(line.variant)",
                sku: "SKU-\(line.variant)", quantity: line.quantity, price: usd(line.cents), totalDiscount: usd(0)
            )
        }
        let subtotal = items.reduce(Int64(0)) { $0 + $1.netRevenue.minorUnits }
        return Order(
            id: id, name: name, email: customer?.email, createdAt: date(createdAt), updatedAt: date(updatedAt ?? createdAt),
            cancelledAt: cancelledAt.map(date), currency: "USD", channel: channel, locationID: locationID, customer: customer,
            browserIP: "203.0.113.9",
            billingAddress: customer?.defaultAddress, shippingAddress: customer?.defaultAddress,
            financialStatus: financialStatus, subtotalPrice: usd(subtotal), totalPrice: usd(subtotal),
            totalDiscounts: usd(0), totalTax: usd(0), lineItems: items
        )
    }
}
