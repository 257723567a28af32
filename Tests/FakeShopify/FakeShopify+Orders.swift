import Commerce
import Foundation

/// A customer shopping at the fake: the demo (and tests) place new orders that Shopify then
/// announces with a signed orders/create webhook.
extension FakeShopify {
    /// The customer as the fake holds it (with tags the app added), or nil.
    public func customer(id: Int64) async -> Customer? { await state.data.customers[id] }

    /// Places a paid online order now for a known customer: one line per variant (quantity 1, the
    /// variant's price), a fresh order id and number, stored and delivered as orders/create.
    /// Returns nil (and places nothing) when the customer or a variant is unknown.
    @discardableResult
    public func placeOrder(customerID: Int64, variantIDs: [Int64], at date: Date = Date()) async throws -> Order? {
        guard let order = await state.newOrder(customerID: customerID, variantIDs: variantIDs, at: date) else { return nil }
        try await createOrder(order)
        return order
    }
}

extension FakeShopState {
    func newOrder(customerID: Int64, variantIDs: [Int64], at date: Date) -> Order? {
        guard let customer = data.customers[customerID], !variantIDs.isEmpty else { return nil }
        var lines: [LineItem] = []
        for variantID in variantIDs {
            guard let productID = data.variantIndex[variantID], let product = data.products[productID],
                  let variant = product.variants.first(where: { $0.id == variantID }) else { return nil }
            lines.append(LineItem(id: data.makeID(), productID: productID, variantID: variantID, title: product.title,
                                  variantTitle: variant.title, sku: variant.sku, vendor: product.vendor, quantity: 1, price: variant.price,
                                  totalDiscount: Money(minorUnits: 0, currency: variant.price.currency)))
        }
        let currency = data.currency
        let total = lines.reduce(Int64(0)) { $0 + $1.price.minorUnits }
        let number = (data.orders.values.compactMap(\.orderNumber).max() ?? 1000) + 1
        let money = Money(minorUnits: total, currency: currency)
        let zero = Money(minorUnits: 0, currency: currency)
        // A returning customer checks out as before: the card, addresses and IP of their latest
        // online order, a standard shipping line, one successful payment.
        let previous = data.orders.values.filter { $0.customer?.id == customerID && $0.channel != .pos }.max { $0.createdAt < $1.createdAt }
        let card = previous?.payments.last { $0.status == "success" }
        let payments = [PaymentAttempt(
            id: data.makeID(), kind: "sale", status: "success", gateway: card?.gateway ?? "shopify_payments", amount: money,
            createdAt: date, cardBIN: card?.cardBIN, cardCompany: card?.cardCompany, avsResultCode: card == nil ? nil : "Y",
            cvvResultCode: card == nil ? nil : "M", cardLast4: card?.cardLast4)]
        let shipping = previous?.shippingLines.first.map { ShippingLine(title: $0.title, code: $0.code, source: $0.source, price: $0.price) }
        return Order(id: data.makeID(), name: "#\(number)", orderNumber: number, email: customer.email, createdAt: date, processedAt: date,
                     updatedAt: date, currency: currency, channel: .web, customer: customer, browserIP: previous?.browserIP,
                     billingAddress: previous?.billingAddress, shippingAddress: previous?.shippingAddress, financialStatus: "paid",
                     subtotalPrice: money, totalPrice: money, totalDiscounts: zero, totalTax: zero, lineItems: lines,
                     shippingLines: shipping.map { [$0] } ?? [], payments: payments)
    }
}
