/// One entry of an order's `shipping_lines`: the rate the buyer chose at checkout.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct ShippingLineWire: Decodable, Hashable, Sendable {
    var title: String
    var code: String?
    var source: String?
    var price: WireAmount?
    var price_set: MoneySetWire?

    init(_ line: ShippingLine, presentmentCurrency: String?) {
        title = line.title; code = line.code; source = line.source
        price = WireAmount(line.price.decimalString)
        price_set = MoneySetWire(line.price, presentmentCurrency: presentmentCurrency)
    }

    /// The domain line; `path` is this line's JSON path, e.g. `shipping_lines[0]`.
    func model(_ context: DecodeContext, path: @autoclosure () -> String) throws(PayloadError) -> ShippingLine {
        ShippingLine(
            title: title, code: code, source: source,
            price: try context.requiredMoney(price_set, price, path() + ".price"))
    }
}

extension ShippingLineWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("title", title)
        writer.field("code", code)
        writer.field("source", source)
        writer.field("price", price)
        writer.field("price_set", price_set)
        writer.endObject()
    }
}
