/// Shopify's `*_set` money bag: the amount in shop and in presentment (buyer's) currency.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct MoneySetWire: Decodable, Hashable, Sendable {
    var shop_money: MoneyWire?
    var presentment_money: MoneyWire?

    /// The bag for an amount Storewise holds in shop currency.
    ///
    /// Storewise keeps no presentment amounts, so `presentment_money` repeats shop money when the
    /// buyer paid in the shop currency and is left out otherwise rather than mislabelled.
    init(_ money: Money, presentmentCurrency: String?) {
        let shop = MoneyWire(amount: WireAmount(money.decimalString), currency_code: money.currency)
        shop_money = shop
        presentment_money = presentmentCurrency == nil || presentmentCurrency == money.currency ? shop : nil
    }
}

/// One side of a money bag: `{"amount": "19.99", "currency_code": "USD"}`.
struct MoneyWire: Decodable, Hashable, Sendable {
    var amount: WireAmount
    var currency_code: String?
}

extension MoneySetWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("shop_money", shop_money)
        writer.field("presentment_money", presentment_money)
        writer.endObject()
    }
}

extension MoneyWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("amount", amount)
        writer.field("currency_code", currency_code)
        writer.endObject()
    }
}
