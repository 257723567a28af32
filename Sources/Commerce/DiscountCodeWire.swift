/// One entry of an order's `discount_codes`: `{"code": "SPRING", "amount": "10.00", "type": "fixed_amount"}`.
struct DiscountCodeWire: Decodable, Hashable, Sendable {
    var code: String
    var amount: WireAmount
    var type: String?

    init(_ discount: DiscountCode) {
        code = discount.code; amount = WireAmount(discount.amount.decimalString); type = discount.type
    }

    func model(_ context: DecodeContext, path: @autoclosure () -> String) throws(PayloadError) -> DiscountCode {
        DiscountCode(
            code: code, amount: try context.parse(amount.text, context.currency, path() + ".amount"),
            type: type ?? "fixed_amount")
    }
}

extension DiscountCodeWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("code", code)
        writer.field("amount", amount)
        writer.field("type", type)
        writer.endObject()
    }
}
