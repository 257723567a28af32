import Foundation

/// Turns the rows of one order into an `Order`, collecting every problem it finds.
struct CSVOrderBuilder {
    let rows: [CSVOrderRow]
    let shopCurrency: String
    private(set) var errors: [CSVRowError] = []

    init(rows: [CSVOrderRow], shopCurrency: String) {
        self.rows = rows; self.shopCurrency = shopCurrency
    }

    /// The order, or nil when any row is bad (then `errors` says why).
    mutating func build() -> ParsedCSVOrder? {
        let first = rows[0]
        let name = first["Name"]
        let currency = first.optional("Currency")?.uppercased() ?? shopCurrency
        if currency != shopCurrency {
            fail(first, "Currency", "\"\(currency)\" is not the shop currency \(shopCurrency); the export has no exchange rate")
        }
        var id = OrdersCSV.derivedID(name: name)
        if let text = first.optional("Id") {
            if let value = Int64(text) { id = value } else { fail(first, "Id", "\"\(text)\" is not an integer") }
        }
        let createdAt = date(first, "Created at", required: true)
        let paidAt = date(first, "Paid at")
        let fulfilledAt = date(first, "Fulfilled at")
        let cancelledAt = date(first, "Cancelled at")
        let subtotal = money(first, "Subtotal", currency)
        let taxes = money(first, "Taxes", currency)
        let total = money(first, "Total", currency, required: true)
        let discount = money(first, "Discount Amount", currency)

        var items: [LineItem] = []
        for row in rows {
            if let item = lineItem(row, currency) { items.append(item) }
        }
        guard errors.isEmpty, let createdAt, let total else { return nil }

        var codes: [DiscountCode] = []
        if let code = first.optional("Discount Code") {
            codes.append(DiscountCode(code: code, amount: discount ?? .zero(currency), type: "unknown"))
        }
        let fulfillment = first.optional("Fulfillment Status")
        let order = Order(
            id: id, name: name, orderNumber: Self.orderNumber(name), email: first.optional("Email"),
            phone: first.optional("Phone"), createdAt: createdAt,
            updatedAt: [createdAt, paidAt, fulfilledAt, cancelledAt].compactMap { $0 }.max() ?? createdAt,
            cancelledAt: cancelledAt, currency: currency, presentmentCurrency: currency,
            channel: Channel(sourceName: first.optional("Source")),
            billingAddress: Self.address(first, "Billing"), shippingAddress: Self.address(first, "Shipping"),
            financialStatus: first.optional("Financial Status"),
            // The model's nil means unfulfilled; the export spells it out.
            fulfillmentStatus: fulfillment == "unfulfilled" ? nil : fulfillment,
            subtotalPrice: subtotal ?? .zero(currency), totalPrice: total,
            totalDiscounts: discount ?? .zero(currency), totalTax: taxes ?? .zero(currency),
            lineItems: items, discountCodes: codes, tags: DecodeContext.tags(first.optional("Tags")))
        return ParsedCSVOrder(order: order, lines: rows.map(\.line), locationName: first.optional("Location"))
    }

    private mutating func lineItem(_ row: CSVOrderRow, _ currency: String) -> LineItem? {
        var quantity: Int?
        let quantityText = row["Lineitem quantity"]
        if quantityText.isEmpty {
            fail(row, "Lineitem quantity", "is blank")
        } else if let value = Int(quantityText) {
            quantity = value
        } else {
            fail(row, "Lineitem quantity", "\"\(quantityText)\" is not an integer")
        }
        let title = row["Lineitem name"]
        if title.isEmpty { fail(row, "Lineitem name", "is blank") }
        let price = money(row, "Lineitem price", currency, required: true)
        let discount = money(row, "Lineitem discount", currency)
        guard let quantity, let price, !title.isEmpty else { return nil }
        let giftCard = title.hasPrefix("Gift Card") && row["Lineitem requires shipping"].lowercased() == "false"
        return LineItem(
            id: nil, productID: nil, variantID: nil, title: title, sku: row.optional("Lineitem sku"),
            vendor: row.optional("Vendor"), quantity: quantity, price: price,
            totalDiscount: discount ?? .zero(currency), isGiftCard: giftCard)
    }

    private mutating func money(_ row: CSVOrderRow, _ column: String, _ currency: String, required: Bool = false) -> Money? {
        let text = row[column]
        if text.isEmpty {
            if required { fail(row, column, "is blank") }
            return nil
        }
        do {
            return try Money(decimalString: text, currency: currency)
        } catch {
            fail(row, column, error.description)
            return nil
        }
    }

    private mutating func date(_ row: CSVOrderRow, _ column: String, required: Bool = false) -> Date? {
        let text = row[column]
        if text.isEmpty {
            if required { fail(row, column, "is blank") }
            return nil
        }
        guard let date = ShopifyDate.parse(text) else {
            fail(row, column, "\"\(text)\" is not a date like 2025-05-11 09:55:16 -0400")
            return nil
        }
        return date
    }

    private mutating func fail(_ row: CSVOrderRow, _ column: String, _ reason: String) {
        errors.append(CSVRowError(line: row.line, column: column, reason: reason))
    }

    /// "#1001" → 1001; nil for names that are not a number after the "#".
    static func orderNumber(_ name: String) -> Int? {
        Int(name.hasPrefix("#") ? String(name.dropFirst()) : name)
    }

    /// The `Billing …` or `Shipping …` columns as an address; nil when all are blank.
    static func address(_ row: CSVOrderRow, _ prefix: String) -> Address? {
        let address = Address(
            name: row.optional("\(prefix) Name"), company: row.optional("\(prefix) Company"),
            address1: row.optional("\(prefix) Address1"), address2: row.optional("\(prefix) Address2"),
            city: row.optional("\(prefix) City"), province: row.optional("\(prefix) Province Name"),
            provinceCode: row.optional("\(prefix) Province"), zip: row.optional("\(prefix) Zip"),
            countryCode: row.optional("\(prefix) Country"), phone: row.optional("\(prefix) Phone"))
        return address == Address() ? nil : address
    }
}
