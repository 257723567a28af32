/// One entry of an order's `line_items`.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct LineItemWire: Decodable, Hashable, Sendable {
    var id: WireID?
    var admin_graphql_api_id: String?
    var product_id: WireID?
    var variant_id: WireID?
    var title: String?
    var name: String?
    var variant_title: String?
    var sku: String?
    var vendor: String?
    var quantity: Int
    var price: WireAmount?
    var price_set: MoneySetWire?
    var total_discount: WireAmount?
    var total_discount_set: MoneySetWire?
    var discount_allocations: [AllocationWire]?
    var gift_card: Bool?

    /// `{"amount": "5.00", "amount_set": {…}}`: one discount's share of the line.
    struct AllocationWire: Decodable, Hashable, Sendable {
        var amount: WireAmount?
        var amount_set: MoneySetWire?
    }

    init(_ item: LineItem, presentmentCurrency: String?) {
        id = item.id.map(WireID.init)
        admin_graphql_api_id = item.id.map { EncodeContext.gid("LineItem", $0) }
        product_id = item.productID.map(WireID.init); variant_id = item.variantID.map(WireID.init)
        title = item.title
        name = item.variantTitle.map { "\(item.title) - \($0)" } ?? item.title
        variant_title = item.variantTitle; sku = item.sku; vendor = item.vendor; quantity = item.quantity
        price = WireAmount(item.price.decimalString)
        price_set = MoneySetWire(item.price, presentmentCurrency: presentmentCurrency)
        total_discount = WireAmount(item.totalDiscount.decimalString)
        total_discount_set = MoneySetWire(item.totalDiscount, presentmentCurrency: presentmentCurrency)
        discount_allocations = item.totalDiscount.minorUnits == 0 ? [] : [
            AllocationWire(amount: total_discount, amount_set: total_discount_set),
        ]
        gift_card = item.isGiftCard
    }

    /// The domain line; `path` is this line's JSON path, e.g. `line_items[2]`.
    func model(_ context: DecodeContext, path: @autoclosure () -> String) throws(PayloadError) -> LineItem {
        guard let title = title ?? name else { throw PayloadError(field: path() + ".title", reason: "is missing") }
        let price = try context.requiredMoney(price_set, price, path() + ".price")
        var discount = Money.zero(price.currency)
        if let allocations = discount_allocations, !allocations.isEmpty {
            for (index, allocation) in allocations.enumerated() {
                let share = try context.money(
                    allocation.amount_set, allocation.amount, path() + ".discount_allocations[\(index)].amount")
                discount.minorUnits += share?.minorUnits ?? 0
            }
        } else if let total = try context.money(total_discount_set, total_discount, path() + ".total_discount") {
            discount = total
        }
        return LineItem(
            id: id?.value, productID: product_id?.value, variantID: variant_id?.value, title: title,
            variantTitle: variant_title, sku: sku, vendor: vendor, quantity: quantity, price: price,
            totalDiscount: discount, isGiftCard: gift_card ?? false)
    }
}

extension LineItemWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.field("product_id", product_id)
        writer.field("variant_id", variant_id)
        writer.field("title", title)
        writer.field("name", name)
        writer.field("variant_title", variant_title)
        writer.field("sku", sku)
        writer.field("vendor", vendor)
        writer.field("quantity", quantity)
        writer.field("price", price)
        writer.field("price_set", price_set)
        writer.field("total_discount", total_discount)
        writer.field("total_discount_set", total_discount_set)
        writer.field("discount_allocations", discount_allocations)
        writer.field("gift_card", gift_card)
        writer.endObject()
    }
}

extension LineItemWire.AllocationWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("amount", amount)
        writer.field("amount_set", amount_set)
        writer.endObject()
    }
}
