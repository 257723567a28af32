import Foundation

/// Turns wire values into domain values, naming the JSON path of anything it rejects.
///
/// Paths are autoclosures so that the ingest path, where nothing fails, builds no strings.
struct DecodeContext: Sendable {
    /// The currency used where Shopify leaves it out (products, variants, some refunds).
    var currency: String

    /// Shop money from the `*_set` bag when present, else the plain amount in `currency`.
    func money(
        _ set: MoneySetWire?, _ plain: WireAmount?, _ field: @autoclosure () -> String
    ) throws(PayloadError) -> Money? {
        if let shop = set?.shop_money {
            return try parse(shop.amount.text, shop.currency_code ?? currency, field() + "_set.shop_money.amount")
        }
        if let plain {
            return try parse(plain.text, currency, field())
        }
        return nil
    }

    /// Like `money`, but a missing amount is an error naming the field.
    func requiredMoney(
        _ set: MoneySetWire?, _ plain: WireAmount?, _ field: @autoclosure () -> String
    ) throws(PayloadError) -> Money {
        guard let money = try money(set, plain, field()) else {
            throw PayloadError(field: field(), reason: "is missing")
        }
        return money
    }

    func parse(_ text: String, _ currency: String, _ field: @autoclosure () -> String) throws(PayloadError) -> Money {
        do {
            return try Money(decimalString: text, currency: currency)
        } catch {
            throw PayloadError(field: field(), reason: error.description)
        }
    }

    func date(_ text: String?, _ field: @autoclosure () -> String) throws(PayloadError) -> Date? {
        guard let text else { return nil }
        guard let date = ShopifyDate.parse(text) else {
            throw PayloadError(field: field(), reason: "\"\(text)\" is not an ISO 8601 timestamp with offset")
        }
        return date
    }

    func requiredDate(_ text: String, _ field: @autoclosure () -> String) throws(PayloadError) -> Date {
        // A non-optional text always yields a date or throws.
        try date(text, field())!
    }

    /// Shopify's comma-separated `tags` ("tag1, tag2") as trimmed, non-empty strings.
    static func tags(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").compactMap {
            let tag = $0.trimmingCharacters(in: .whitespaces)
            return tag.isEmpty ? nil : tag
        }
    }
}
