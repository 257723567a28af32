import Commerce
import Foundation
import Risk

/// A POS pre-check as the API, the dashboard form and the CLI send it, read into a `RiskSubject`.
///
/// ```json
/// {"kind": "refund", "amount": "120.00", "currency": "USD", "locationId": 1, "staffId": 7, "orderId": 4501}
/// {"kind": "gift_card", "amount": "500.00", "count": 5, "paymentMethod": "card", "staffId": 7}
/// {"kind": "discount_override", "subtotal": "240.00", "discount": "120.00", "staffId": 7, "locationId": 1}
/// ```
/// Ids are positive integers, numeric strings or Shopify GIDs (`gid://shopify/Location/1`);
/// amounts are decimal strings (numbers are accepted) in `currency`, the shop's by default.
/// Every error names the field.
public struct RiskPrecheckRequest: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case refund, giftCard = "gift_card", discountOverride = "discount_override"
    }

    public static let fields: Set<String> = [
        "kind", "locationId", "staffId", "customerId", "orderId", "amount", "currency", "count", "subtotal", "discount", "paymentMethod",
    ]
    /// The dashboard form and the CLI spell fields in snake_case too.
    static let aliases: [String: String] = [
        "location_id": "locationId", "staff_id": "staffId", "customer_id": "customerId", "order_id": "orderId",
        "payment_method": "paymentMethod",
    ]
    static let maxCount = 10_000

    public var subject: RiskSubject

    /// Reads the fields (text values; missing or empty means absent). `at` is when the action happens.
    public init(fields raw: [String: String], shopCurrency: String, at: Date) throws(RiskPrecheckError) {
        var values: [String: String] = [:]
        for (key, value) in raw {
            let name = Self.aliases[key] ?? key
            guard Self.fields.contains(name) else {
                throw RiskPrecheckError(field: key, problem: "is not a pre-check field (use \(Self.fields.sorted().joined(separator: ", ")))")
            }
            let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { values[name] = text }
        }
        guard let kindText = values["kind"] else {
            throw RiskPrecheckError(field: "kind", problem: "is required (\(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let kind = Kind(rawValue: kindText.lowercased()) else {
            throw RiskPrecheckError(field: "kind", problem: "must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(kindText)'")
        }
        let currency = (values["currency"] ?? shopCurrency).uppercased()
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw RiskPrecheckError(field: "currency", problem: "must be a three-letter ISO 4217 code, got '\(values["currency"] ?? "")'")
        }
        let location = try Self.id(values, "locationId"), staff = try Self.id(values, "staffId"), customer = try Self.id(values, "customerId")
        func refuse(_ names: String...) throws(RiskPrecheckError) {
            for name in names where values[name] != nil {
                throw RiskPrecheckError(field: name, problem: "does not apply to a \(kind.rawValue) pre-check")
            }
        }
        switch kind {
        case .refund:
            try refuse("count", "subtotal", "discount", "paymentMethod")
            let amount = try Self.money(values, "amount", currency: currency, required: true)!
            subject = .refund(RefundCheck(at: at, locationID: location, staffID: staff, customerID: customer,
                                          orderID: try Self.id(values, "orderId"), amount: amount))
        case .giftCard:
            try refuse("orderId", "subtotal", "discount")
            let amount = try Self.money(values, "amount", currency: currency, required: true)!
            var count = 1
            if let text = values["count"] {
                guard let parsed = Int(text), (1...Self.maxCount).contains(parsed) else {
                    throw RiskPrecheckError(field: "count", problem: "must be an integer in 1...\(Self.maxCount), got '\(text)'")
                }
                count = parsed
            }
            let method = values["paymentMethod"]?.lowercased()
            if let method, method.count > 64 || !method.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                throw RiskPrecheckError(field: "paymentMethod", problem: "must be a word such as cash, card or gift_card")
            }
            subject = .giftCardSale(GiftCardCheck(at: at, locationID: location, staffID: staff, customerID: customer, count: count,
                                                  amount: amount, paymentMethod: method))
        case .discountOverride:
            try refuse("orderId", "count", "paymentMethod", "amount")
            let subtotal = try Self.money(values, "subtotal", currency: currency, required: true)!
            let discount = try Self.money(values, "discount", currency: currency, required: true)!
            guard subtotal.minorUnits > 0 else { throw RiskPrecheckError(field: "subtotal", problem: "must be above 0") }
            guard discount <= subtotal else {
                throw RiskPrecheckError(field: "discount", problem: "must not exceed the subtotal \(subtotal.decimalString)")
            }
            subject = .discountOverride(DiscountOverrideCheck(at: at, locationID: location, staffID: staff, customerID: customer,
                                                              subtotal: subtotal, discount: discount))
        }
    }

    /// Reads a JSON object's values as text: strings and numbers; null is absent; anything else names the field.
    public static func fields(json data: Data) throws(RiskPrecheckError) -> [String: String] {
        let object: [String: JSONScalar]
        do { object = try JSONDecoder().decode([String: JSONScalar].self, from: data) } catch {
            if case .typeMismatch(_, let context)? = error as? DecodingError, let key = context.codingPath.first?.stringValue {
                throw RiskPrecheckError(field: key, problem: "must be a string or a number")
            }
            throw RiskPrecheckError(field: "body", problem: "must be a JSON object of strings and numbers")
        }
        return object.compactMapValues(\.text)
    }

    /// A JSON string or number as text (null: absent); booleans, arrays and objects are refused.
    struct JSONScalar: Decodable {
        var text: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { text = nil; return }
            if (try? container.decode(Bool.self)) != nil {
                throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "a boolean"))
            }
            if let int = try? container.decode(Int64.self) { text = String(int); return }
            if let double = try? container.decode(Double.self) { text = "\(double)"; return }
            text = try container.decode(String.self)
        }
    }

    /// A positive id, from an integer, a numeric string or a GID's last path segment.
    static func id(_ values: [String: String], _ name: String) throws(RiskPrecheckError) -> Int64? {
        guard let text = values[name] else { return nil }
        let digits = text.hasPrefix("gid://") ? String(text.split(separator: "/").last ?? "") : text
        guard let id = Int64(digits), id > 0 else {
            throw RiskPrecheckError(field: name, problem: "must be a positive integer id or a gid://shopify/… id, got '\(text)'")
        }
        return id
    }

    static func money(_ values: [String: String], _ name: String, currency: String, required: Bool) throws(RiskPrecheckError) -> Money? {
        guard let text = values[name] else {
            if required { throw RiskPrecheckError(field: name, problem: "is required (a decimal amount such as \"120.00\")") }
            return nil
        }
        let amount: Money
        do { amount = try Money(decimalString: text, currency: currency) } catch {
            throw RiskPrecheckError(field: name, problem: "must be a decimal amount in \(currency) such as \"120.00\", got '\(text)'")
        }
        guard amount.minorUnits >= 0 else { throw RiskPrecheckError(field: name, problem: "must not be negative, got '\(text)'") }
        return amount
    }
}

/// A pre-check field that is missing or wrong.
public struct RiskPrecheckError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var problem: String

    public init(field: String, problem: String) { self.field = field; self.problem = problem }

    public var description: String { "field \(field) \(problem)" }
}
