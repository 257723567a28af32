import Commerce
import Foundation

/// Typed, path-tracking access to one GraphQL object of a bulk output, so every decoder error names
/// the field (`orders[gid://shopify/Order/5].lineItems[2].quantity`).
///
/// Absent and `null` are the same to GraphQL readers (a bulk line omits nothing it was asked for,
/// but a nullable field is `null`); a present value of the wrong type is an error, never skipped.
struct GraphQLFields {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value; self.path = path
    }

    func fail(_ key: String, _ reason: String) -> GraphQLDecodeError {
        GraphQLDecodeError(field: key.isEmpty ? path : "\(path).\(key)", reason: reason)
    }

    /// The objects `BulkJSONLAssembler` attached under `key` (a nested connection's nodes), or the
    /// nodes of a paged answer's connection (`{nodes: […]}` or `{edges: [{node}]}`); absent is none.
    func children(_ key: String) throws(GraphQLDecodeError) -> [JSONValue] {
        switch value[key] {
        case .null: return []
        case .array(let items): return items
        case .object(let connection):
            if case .array(let nodes)? = connection["nodes"] { return nodes }
            if case .array(let edges)? = connection["edges"] { return edges.map { $0["node"] } }
            throw fail(key, "must be a list of objects or a connection with nodes or edges")
        default: throw fail(key, "must be a list of objects")
        }
    }

    /// The nested object `key`, or nil when it is null.
    func object(_ key: String) throws(GraphQLDecodeError) -> GraphQLFields? {
        let member = value[key]
        switch member {
        case .null: return nil
        case .object: return GraphQLFields(member, path: "\(path).\(key)")
        default: throw fail(key, "must be an object")
        }
    }

    func string(_ key: String) throws(GraphQLDecodeError) -> String {
        guard let text = try optionalString(key) else { throw fail(key, "missing") }
        return text
    }

    func optionalString(_ key: String) throws(GraphQLDecodeError) -> String? {
        switch value[key] {
        case .null: return nil
        case .string(let text): return text
        default: throw fail(key, "must be a string")
        }
    }

    func int(_ key: String) throws(GraphQLDecodeError) -> Int {
        guard let number = try optionalInt(key) else { throw fail(key, "missing") }
        return number
    }

    /// An integer; Shopify's `UnsignedInt64` arrives as a decimal string.
    func optionalInt(_ key: String) throws(GraphQLDecodeError) -> Int? {
        switch value[key] {
        case .null: return nil
        case .int(let number): return Int(number)
        case .string(let text):
            guard let number = Int(text) else { throw fail(key, "must be an integer, found \"\(text)\"") }
            return number
        default: throw fail(key, "must be an integer")
        }
    }

    /// A `Float` (or a `Decimal` string): a discount's percentage or amount.
    func optionalDouble(_ key: String) throws(GraphQLDecodeError) -> Double? {
        switch value[key] {
        case .null: return nil
        case .int(let number): return Double(number)
        case .double(let number): return number
        case .string(let text):
            guard let number = Double(text), number.isFinite else { throw fail(key, "must be a number, found \"\(text)\"") }
            return number
        default: throw fail(key, "must be a number")
        }
    }

    func bool(_ key: String, default fallback: Bool) throws(GraphQLDecodeError) -> Bool {
        switch value[key] {
        case .null: return fallback
        case .bool(let flag): return flag
        default: throw fail(key, "must be a boolean")
        }
    }

    func date(_ key: String) throws(GraphQLDecodeError) -> Date {
        guard let date = try optionalDate(key) else { throw fail(key, "missing") }
        return date
    }

    /// An ISO 8601 `DateTime` ("2026-04-01T12:00:00Z").
    func optionalDate(_ key: String) throws(GraphQLDecodeError) -> Date? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = ShopifyDate.parse(text) else { throw fail(key, "is not an ISO 8601 date-time: \"\(text)\"") }
        return date
    }

    /// A list of strings (`tags`, `discountCodes`); null is empty.
    func strings(_ key: String) throws(GraphQLDecodeError) -> [String] {
        switch value[key] {
        case .null: return []
        case .array(let items):
            var result: [String] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else { throw fail("\(key)[\(index)]", "must be a string") }
                result.append(text)
            }
            return result
        default: throw fail(key, "must be a list of strings")
        }
    }

    /// The numeric id of the gid in `key` (`gid://shopify/Order/5` → 5).
    func gid(_ key: String, type: String) throws(GraphQLDecodeError) -> Int64 {
        guard let id = try optionalGID(key, type: type) else { throw fail(key, "missing") }
        return id
    }

    func optionalGID(_ key: String, type: String) throws(GraphQLDecodeError) -> Int64? {
        guard let text = try optionalString(key) else { return nil }
        guard let id = GlobalID.number(text, type: type) else {
            throw fail(key, "is not a gid://shopify/\(type)/<number>: \"\(text)\"")
        }
        return id
    }

    /// The id of the nested object `key` (`product { id }`), or nil when the object is null
    /// (a deleted product or variant).
    func nestedGID(_ key: String, type: String) throws(GraphQLDecodeError) -> Int64? {
        guard let nested = try object(key) else { return nil }
        return try nested.gid("id", type: type)
    }

    /// `MoneyBag.shopMoney` of `key`: the amount in the shop's currency, parsed exactly.
    func moneyBag(_ key: String) throws(GraphQLDecodeError) -> Money {
        guard let money = try optionalMoneyBag(key) else { throw fail(key, "missing") }
        return money
    }

    func optionalMoneyBag(_ key: String) throws(GraphQLDecodeError) -> Money? {
        guard let bag = try object(key) else { return nil }
        guard let shopMoney = try bag.object("shopMoney") else { throw bag.fail("shopMoney", "missing") }
        return try shopMoney.moneyV2()
    }

    /// A `MoneyV2` object (`{amount, currencyCode}`) of `key`.
    func optionalMoneyV2(_ key: String) throws(GraphQLDecodeError) -> Money? {
        guard let money = try object(key) else { return nil }
        return try money.moneyV2()
    }

    /// This object as a `MoneyV2`.
    func moneyV2() throws(GraphQLDecodeError) -> Money {
        let currency = try string("currencyCode")
        return try decimal("amount", currency: currency)
    }

    /// A `Decimal`/`Money` scalar (a decimal string) in `currency`.
    func decimal(_ key: String, currency: String) throws(GraphQLDecodeError) -> Money {
        guard let money = try optionalDecimal(key, currency: currency) else { throw fail(key, "missing") }
        return money
    }

    func optionalDecimal(_ key: String, currency: String) throws(GraphQLDecodeError) -> Money? {
        let text: String
        switch value[key] {
        case .null: return nil
        case .string(let string): text = string
        // Shopify sends Decimal as a string; an integer is still an exact amount.
        case .int(let number): text = String(number)
        default: throw fail(key, "must be a decimal string")
        }
        do {
            return try Money(decimalString: text, currency: currency)
        } catch {
            throw fail(key, error.description)
        }
    }

    /// A `MailingAddress` of `key`, as far as the backfill reads it.
    func address(_ key: String) throws(GraphQLDecodeError) -> Address? {
        guard let address = try object(key) else { return nil }
        return Address(
            city: try address.optionalString("city"), provinceCode: try address.optionalString("provinceCode"),
            zip: try address.optionalString("zip"), countryCode: try address.optionalString("countryCodeV2"))
    }
}

/// Shopify global ids (`gid://shopify/Order/5`, also with a query: `…/InventoryLevel/1?inventory_item_id=2`).
public enum GlobalID {
    /// The number of `text` when it is a gid of `type`.
    public static func number(_ text: String, type: String) -> Int64? {
        let prefix = "gid://shopify/\(type)/"
        guard text.hasPrefix(prefix) else { return nil }
        var rest = text.dropFirst(prefix.count)
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        return Int64(rest)
    }

    /// The type of a gid (`gid://shopify/LineItem/3` → "LineItem").
    public static func type(_ text: String) -> Substring? {
        let prefix = "gid://shopify/"
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        return rest[..<slash]
    }

    public static func make(_ type: String, _ id: Int64) -> String { "gid://shopify/\(type)/\(id)" }
}
