/// A Shopify order: the body of orders/create|updated|paid|cancelled.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
/// Only the fields Storewise models are read; the rest of the body is ignored.
struct OrderWire: Decodable, Hashable, Sendable {
    var id: WireID
    var admin_graphql_api_id: String?
    var name: String
    var order_number: Int?
    var email: String?
    var contact_email: String?
    var phone: String?
    var created_at: String
    var processed_at: String?
    var updated_at: String
    var cancelled_at: String?
    var cancel_reason: String?
    var currency: String?
    var presentment_currency: String?
    var source_name: String?
    var location_id: WireID?
    var customer: CustomerWire?
    var browser_ip: String?
    var client_details: ClientDetailsWire?
    var billing_address: AddressWire?
    var shipping_address: AddressWire?
    var financial_status: String?
    var fulfillment_status: String?
    var subtotal_price: WireAmount?
    var subtotal_price_set: MoneySetWire?
    var total_price: WireAmount?
    var total_price_set: MoneySetWire?
    var total_discounts: WireAmount?
    var total_discounts_set: MoneySetWire?
    var total_tax: WireAmount?
    var total_tax_set: MoneySetWire?
    var line_items: [LineItemWire]
    var discount_codes: [DiscountCodeWire]?
    var tags: String?
    var test: Bool?
    var refunds: [RefundWire]?
    /// The POS staff member who rang the order up.
    var user_id: WireID?
    var shipping_lines: [ShippingLineWire]?
    var discount_applications: [DiscountApplicationWire]?
    /// Present in some payloads (REST orders with transactions, the simulator's orders), not in webhooks.
    var transactions: [TransactionWire]?
    /// Older API versions' one-attempt card checks; read only when there are no `transactions`.
    var payment_details: TransactionWire.PaymentDetailsWire?

    /// `client_details`: where the checkout came from.
    struct ClientDetailsWire: Decodable, Hashable, Sendable {
        var browser_ip: String?
    }

    init(_ order: Order, context: EncodeContext) {
        let presentment = order.presentmentCurrency
        id = WireID(order.id)
        admin_graphql_api_id = EncodeContext.gid("Order", order.id)
        name = order.name; order_number = order.orderNumber
        email = order.email; contact_email = order.email; phone = order.phone
        created_at = context.date(order.createdAt); processed_at = context.date(order.processedAt)
        updated_at = context.date(order.updatedAt); cancelled_at = context.date(order.cancelledAt)
        cancel_reason = order.cancelReason
        currency = order.currency; presentment_currency = presentment
        source_name = order.channel.name == "mobile_app" ? "iphone" : order.channel.name
        location_id = order.locationID.map(WireID.init)
        customer = order.customer.map { CustomerWire($0, context: context) }
        browser_ip = order.browserIP
        client_details = order.browserIP.map { ClientDetailsWire(browser_ip: $0) }
        billing_address = order.billingAddress.map(AddressWire.init)
        shipping_address = order.shippingAddress.map(AddressWire.init)
        financial_status = order.financialStatus; fulfillment_status = order.fulfillmentStatus
        subtotal_price = WireAmount(order.subtotalPrice.decimalString)
        subtotal_price_set = MoneySetWire(order.subtotalPrice, presentmentCurrency: presentment)
        total_price = WireAmount(order.totalPrice.decimalString)
        total_price_set = MoneySetWire(order.totalPrice, presentmentCurrency: presentment)
        total_discounts = WireAmount(order.totalDiscounts.decimalString)
        total_discounts_set = MoneySetWire(order.totalDiscounts, presentmentCurrency: presentment)
        total_tax = WireAmount(order.totalTax.decimalString)
        total_tax_set = MoneySetWire(order.totalTax, presentmentCurrency: presentment)
        line_items = order.lineItems.map { LineItemWire($0, presentmentCurrency: presentment) }
        discount_codes = order.discountCodes.map(DiscountCodeWire.init)
        tags = EncodeContext.tags(order.tags) ?? ""
        test = order.test
        refunds = order.refunds.map { RefundWire($0, context: context, presentmentCurrency: presentment) }
        user_id = order.userID.map(WireID.init)
        shipping_lines = order.shippingLines.map { ShippingLineWire($0, presentmentCurrency: presentment) }
        discount_applications = order.discountApplications.map(DiscountApplicationWire.init)
        // Shopify's orders webhooks carry no `transactions`; write them only when there is something to say.
        transactions = order.payments.isEmpty ? nil : order.payments.map { TransactionWire($0, context: context) }
    }

    func model(_ shop: DecodeContext) throws(PayloadError) -> Order {
        // Money fields are in shop currency; the order's `currency` is that currency.
        let currency = total_price_set?.shop_money?.currency_code ?? currency ?? shop.currency
        let context = DecodeContext(currency: currency)
        var items: [LineItem] = []
        items.reserveCapacity(line_items.count)
        for (index, item) in line_items.enumerated() {
            items.append(try item.model(context, path: "line_items[\(index)]"))
        }
        var codes: [DiscountCode] = []
        for (index, code) in (discount_codes ?? []).enumerated() {
            codes.append(try code.model(context, path: "discount_codes[\(index)]"))
        }
        var orderRefunds: [Refund] = []
        for (index, refund) in (refunds ?? []).enumerated() {
            orderRefunds.append(try refund.model(context, path: "refunds[\(index)]."))
        }
        var shipping: [ShippingLine] = []
        for (index, line) in (shipping_lines ?? []).enumerated() {
            shipping.append(try line.model(context, path: "shipping_lines[\(index)]"))
        }
        var applications: [DiscountApplication] = []
        for (index, application) in (discount_applications ?? []).enumerated() {
            applications.append(try application.model(path: "discount_applications[\(index)]"))
        }
        var payments: [PaymentAttempt] = []
        if let transactions, !transactions.isEmpty {
            for (index, transaction) in transactions.enumerated() {
                payments.append(try transaction.payment(context, path: "transactions[\(index)]"))
            }
        } else if let details = payment_details, !details.isEmpty {
            payments.append(details.legacyPayment)
        }
        let zero = Money.zero(currency)
        return Order(
            id: id.value, name: name, orderNumber: order_number, email: email ?? contact_email, phone: phone,
            createdAt: try context.requiredDate(created_at, "created_at"),
            processedAt: try context.date(processed_at, "processed_at"),
            updatedAt: try context.requiredDate(updated_at, "updated_at"),
            cancelledAt: try context.date(cancelled_at, "cancelled_at"),
            cancelReason: cancel_reason, currency: currency, presentmentCurrency: presentment_currency,
            channel: Channel(sourceName: source_name), locationID: location_id?.value,
            customer: try customer?.model(context, path: "customer."),
            browserIP: client_details?.browser_ip ?? browser_ip,
            billingAddress: billing_address?.model, shippingAddress: shipping_address?.model,
            financialStatus: financial_status, fulfillmentStatus: fulfillment_status,
            subtotalPrice: try context.money(subtotal_price_set, subtotal_price, "subtotal_price") ?? zero,
            totalPrice: try context.requiredMoney(total_price_set, total_price, "total_price"),
            totalDiscounts: try context.money(total_discounts_set, total_discounts, "total_discounts") ?? zero,
            totalTax: try context.money(total_tax_set, total_tax, "total_tax") ?? zero,
            lineItems: items, discountCodes: codes, tags: DecodeContext.tags(tags), test: test ?? false,
            refunds: orderRefunds, userID: user_id?.value, shippingLines: shipping,
            discountApplications: applications, payments: payments)
    }
}

extension OrderWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.field("name", name)
        writer.field("order_number", order_number)
        writer.field("email", email)
        writer.field("contact_email", contact_email)
        writer.field("phone", phone)
        writer.field("created_at", created_at)
        writer.field("processed_at", processed_at)
        writer.field("updated_at", updated_at)
        writer.field("cancelled_at", cancelled_at)
        writer.field("cancel_reason", cancel_reason)
        writer.field("currency", currency)
        writer.field("presentment_currency", presentment_currency)
        writer.field("source_name", source_name)
        writer.field("location_id", location_id)
        writer.field("customer", customer)
        writer.field("browser_ip", browser_ip)
        writer.field("client_details", client_details)
        writer.field("billing_address", billing_address)
        writer.field("shipping_address", shipping_address)
        writer.field("financial_status", financial_status)
        writer.field("fulfillment_status", fulfillment_status)
        writer.field("subtotal_price", subtotal_price)
        writer.field("subtotal_price_set", subtotal_price_set)
        writer.field("total_price", total_price)
        writer.field("total_price_set", total_price_set)
        writer.field("total_discounts", total_discounts)
        writer.field("total_discounts_set", total_discounts_set)
        writer.field("total_tax", total_tax)
        writer.field("total_tax_set", total_tax_set)
        writer.field("line_items", line_items)
        writer.field("discount_codes", discount_codes)
        writer.field("tags", tags)
        writer.field("test", test)
        writer.field("refunds", refunds)
        writer.field("user_id", user_id)
        writer.field("shipping_lines", shipping_lines)
        writer.field("discount_applications", discount_applications)
        writer.field("transactions", transactions)
        writer.field("payment_details", payment_details)
        writer.endObject()
    }
}

extension OrderWire.ClientDetailsWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("browser_ip", browser_ip)
        writer.endObject()
    }
}
