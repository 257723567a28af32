/// One entry of an order's `discount_codes`: `{"code": "SPRING", "amount": "10.00", "type": "fixed_amount"}`.
struct DiscountCodeWire: Codable, Hashable, Sendable {
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
