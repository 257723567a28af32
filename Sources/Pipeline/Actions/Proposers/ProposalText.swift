import Commerce
import Foundation

/// Numbers as proposals' reasons and metafield values write them, without `String(format:)`.
enum ProposalText {
    /// `value` rounded half away from zero to `digits` decimals: fixed(0.9449, 2) = "0.94".
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(scaled) }
        var fraction = String(scaled % scale)
        if fraction.count < digits { fraction = String(repeating: "0", count: digits - fraction.count) + fraction }
        return sign + String(scaled / scale) + "." + fraction
    }

    /// "420.00 USD".
    static func money(_ minor: Int64, _ currency: String) -> String {
        Money(minorUnits: minor, currency: currency).decimalString + " " + currency
    }

    /// "1 order", "7 orders".
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// Shopify's global id of a REST id: gid://shopify/Customer/42.
    static func gid(_ type: String, _ id: Int64) -> String {
        "gid://shopify/\(type)/\(id)"
    }
}
