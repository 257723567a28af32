import Foundation

/// An amount-off discount code to create with `discountCodeBasicCreate` (Shopify's `DiscountCodeBasicInput`),
/// applying to all items.
public struct BasicDiscountInput: Sendable, Hashable, Codable {
    /// How much off.
    public enum Value: Sendable, Hashable, Codable {
        /// A fraction in (0, 1]: 0.15 is 15 % off (Shopify's `percentage` is a fraction, not a percent).
        case percentage(Double)
        /// A fixed amount in the shop's currency as a decimal string ("10.00"), off the order (or each item).
        case fixedAmount(String, appliesOnEachItem: Bool)
    }

    /// Who may use the code.
    public enum Customers: Sendable, Hashable, Codable {
        case all
        /// `gid://shopify/Customer/…` ids.
        case specific([String])
    }

    public var title: String
    public var code: String
    public var value: Value
    public var startsAt: Date
    public var endsAt: Date?
    public var customers: Customers
    /// Total uses across all customers; nil for unlimited.
    public var usageLimit: Int?
    public var appliesOncePerCustomer: Bool

    public init(title: String, code: String, value: Value, startsAt: Date, endsAt: Date? = nil, customers: Customers = .all,
                usageLimit: Int? = nil, appliesOncePerCustomer: Bool = true) {
        self.title = title; self.code = code; self.value = value; self.startsAt = startsAt; self.endsAt = endsAt
        self.customers = customers; self.usageLimit = usageLimit; self.appliesOncePerCustomer = appliesOncePerCustomer
    }

    /// The `DiscountCodeBasicInput` variable. The buyer selection goes in `context` (2026-04; the older
    /// `customerSelection` is deprecated).
    public var variable: JSONValue {
        let valueInput: JSONValue = switch value {
        case .percentage(let fraction): ["percentage": .double(fraction)]
        case .fixedAmount(let amount, let each): ["discountAmount": ["amount": .string(amount), "appliesOnEachItem": .bool(each)]]
        }
        let context: JSONValue = switch customers {
        case .all: ["all": "ALL"]
        case .specific(let ids): ["customers": ["add": .array(ids.map(JSONValue.string))]]
        }
        var input: [String: JSONValue] = [
            "title": .string(title), "code": .string(code), "startsAt": .string(Self.timestamp(startsAt)),
            "context": context, "customerGets": ["value": valueInput, "items": ["all": true]],
            "appliesOncePerCustomer": .bool(appliesOncePerCustomer),
        ]
        if let endsAt { input["endsAt"] = .string(Self.timestamp(endsAt)) }
        if let usageLimit { input["usageLimit"] = .int(Int64(usageLimit)) }
        return .object(input)
    }

    /// ISO 8601 in UTC with seconds, as Shopify's `DateTime` expects.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
