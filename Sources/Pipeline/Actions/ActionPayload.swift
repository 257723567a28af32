import Commerce
import Crypto
import Foundation
import ShopifyAdmin

/// Validates and normalises each action type's payload before it is stored, so what a person
/// approves is exactly what executes, and a bad proposal is refused at once (naming the field,
/// e.g. `payload.facts[1].sentiment: must be NEGATIVE, NEUTRAL or POSITIVE`) instead of failing
/// at Shopify later. Unknown members are refused too: a typo must not silently drop an argument.
///
/// Shapes (ids are Shopify gids):
/// - order risk assessment `{orderId, riskLevel HIGH|MEDIUM|LOW|NONE|PENDING, facts: [{description ≤ 256, sentiment}]}`
///   (`OrderRiskAssessmentCreateInput`; Shopify truncates longer descriptions, we refuse them)
/// - metafields `{metafields: [{ownerId, namespace, key, type, value}]}`, 1…25 (`metafieldsSet`'s limit)
/// - customer tags `{id, tags: [String]}` (tags trimmed, duplicates dropped)
/// - draft order `{customerId?, email?, lineItems: [{variantId, quantity ≥ 1}], note?, tags?}`
/// - discount code `{title, code, percentage (0 < p ≤ 1) | amount + currency, startsAt, endsAt?,
///   customerIds | all: true, usageLimit?, appliesOncePerCustomer}`
/// - purchase order `{vendor, locationId?, currency, lines: [{sku, variantId, title, quantity, unitCostMinor}], totalMinor}`
///   (`totalMinor` must equal the sum of the lines)
/// - message `{to, subject, body, channel: "webhook"}`
public enum ActionPayload {
    public static let riskLevels = ["HIGH", "MEDIUM", "LOW", "NONE", "PENDING"]
    public static let sentiments = ["NEGATIVE", "NEUTRAL", "POSITIVE"]
    /// `metafieldsSet` takes at most 25 metafields per call.
    public static let maxMetafields = 25

    /// The validated, normalised payload; throws `ActionError.invalidPayload` naming the field.
    public static func normalise(_ payload: JSONValue, type: ActionType) throws -> JSONValue {
        let root = Reader(value: payload, path: "payload")
        switch type {
        case .orderRiskAssessment: return try riskAssessment(root)
        case .metafields: return try metafields(root)
        case .customerTags: return try customerTags(root)
        case .draftOrder: return try draftOrder(root)
        case .discountCode: return try discountCode(root)
        case .purchaseOrder: return try purchaseOrder(root)
        case .message: return try message(root)
        }
    }

    /// SHA-256 (lower-case hex) of the payload's canonical JSON text.
    public static func hash(_ payload: JSONValue) -> String {
        hash(canonical: payload.canonicalString())
    }

    /// SHA-256 (lower-case hex) of canonical JSON text.
    public static func hash(canonical text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The money at stake in a (normalised) payload: a PO's total, a fixed discount's amount.
    public static func amountMinor(_ payload: JSONValue, type: ActionType) -> (amount: Int64, currency: String)? {
        switch type {
        case .purchaseOrder:
            guard let total = payload["totalMinor"].int, let currency = payload["currency"].string else { return nil }
            return (total, currency)
        case .discountCode:
            guard let amount = payload["amount"].string, let currency = payload["currency"].string,
                  let money = try? Money(decimalString: amount, currency: currency) else { return nil }
            return (money.minorUnits, currency)
        default:
            return nil
        }
    }

    // MARK: - Types

    static func riskAssessment(_ root: Reader) throws -> JSONValue {
        try root.onlyKeys(["orderId", "riskLevel", "facts"])
        let orderID = try root["orderId"].gid("Order")
        let level = try root["riskLevel"].oneOf(riskLevels)
        let facts = try root["facts"].array(min: 1, max: 50).map { fact -> JSONValue in
            try fact.onlyKeys(["description", "sentiment"])
            return ["description": .string(try fact["description"].text(maxCharacters: 256)),
                    "sentiment": .string(try fact["sentiment"].oneOf(sentiments))]
        }
        return ["orderId": .string(orderID), "riskLevel": .string(level), "facts": .array(facts)]
    }

    static func metafields(_ root: Reader) throws -> JSONValue {
        try root.onlyKeys(["metafields"])
        let items = try root["metafields"].array(min: 1, max: maxMetafields).map { item -> JSONValue in
            try item.onlyKeys(["ownerId", "namespace", "key", "type", "value"])
            return ["ownerId": .string(try item["ownerId"].gid(nil)), "namespace": .string(try item["namespace"].text(maxCharacters: 255)),
                    "key": .string(try item["key"].text(maxCharacters: 64)), "type": .string(try item["type"].text(maxCharacters: 255)),
                    "value": .string(try item["value"].string(allowEmpty: true))]
        }
        return ["metafields": .array(items)]
    }

    static func customerTags(_ root: Reader) throws -> JSONValue {
        try root.onlyKeys(["id", "tags"])
        let id = try root["id"].gid("Customer")
        return ["id": .string(id), "tags": .array(try tags(root["tags"], required: true).map { .string($0) })]
    }

    static func draftOrder(_ root: Reader) throws -> JSONValue {
        try root.onlyKeys(["customerId", "email", "lineItems", "note", "tags"])
        var out: [String: JSONValue] = [:]
        if !root["customerId"].isAbsent { out["customerId"] = .string(try root["customerId"].gid("Customer")) }
        if !root["email"].isAbsent { out["email"] = .string(try root["email"].email()) }
        out["lineItems"] = .array(try root["lineItems"].array(min: 1, max: 250).map { line -> JSONValue in
            try line.onlyKeys(["variantId", "quantity"])
            return ["variantId": .string(try line["variantId"].gid("ProductVariant")),
                    "quantity": .int(try line["quantity"].integer(min: 1, max: 1_000_000))]
        })
        if !root["note"].isAbsent { out["note"] = .string(try root["note"].string(allowEmpty: true)) }
        if !root["tags"].isAbsent { out["tags"] = .array(try tags(root["tags"], required: false).map { .string($0) }) }
        return .object(out)
    }

    static func discountCode(_ root: Reader) throws -> JSONValue {
        try root.onlyKeys(["title", "code", "percentage", "amount", "currency", "startsAt", "endsAt", "customerIds", "all",
                           "usageLimit", "appliesOncePerCustomer"])
        var out: [String: JSONValue] = [:]
        out["title"] = .string(try root["title"].text(maxCharacters: 255))
        let code = try root["code"].text(maxCharacters: 255)
        guard !code.contains(where: \.isWhitespace) else { throw root["code"].invalid("must not contain spaces") }
        out["code"] = .string(code)
        switch (root["percentage"].isAbsent, root["amount"].isAbsent) {
        case (false, true):
            guard let p = root["percentage"].value.double, p > 0, p <= 1 else {
                throw root["percentage"].invalid("must be a fraction above 0 and at most 1 (0.15 is 15 %)")
            }
            guard root["currency"].isAbsent else { throw root["currency"].invalid("only goes with amount") }
            out["percentage"] = .double(p)
        case (true, false):
            let currency = try root["currency"].currency()
            let text: String
            switch root["amount"].value {
            case .string(let s): text = s
            case .int(let i): text = String(i)
            case .double(let d): text = String(d)
            default: throw root["amount"].invalid("must be a decimal amount such as \"10.00\"")
            }
            let money: Money
            do { money = try Money(decimalString: text, currency: currency) } catch { throw root["amount"].invalid(error.description) }
            guard money.minorUnits > 0 else { throw root["amount"].invalid("must be above 0") }
            out["amount"] = .string(money.decimalString)
            out["currency"] = .string(currency)
        case (false, false): throw root["amount"].invalid("give either percentage or amount, not both")
        case (true, true): throw root["percentage"].invalid("give either percentage or amount + currency")
        }
        let starts = try root["startsAt"].dateTime()
        out["startsAt"] = .string(Reader.iso(starts))
        if !root["endsAt"].isAbsent {
            let ends = try root["endsAt"].dateTime()
            guard ends > starts else { throw root["endsAt"].invalid("must be after startsAt") }
            out["endsAt"] = .string(Reader.iso(ends))
        }
        let all = root["all"].isAbsent ? false : try root["all"].boolean()
        if root["customerIds"].isAbsent {
            guard all else { throw root["customerIds"].invalid("required unless all is true") }
            out["all"] = true
        } else {
            guard !all else { throw root["all"].invalid("must not be true together with customerIds") }
            out["customerIds"] = .array(try root["customerIds"].array(min: 1, max: 100).map { .string(try $0.gid("Customer")) })
        }
        if !root["usageLimit"].isAbsent { out["usageLimit"] = .int(try root["usageLimit"].integer(min: 1, max: Int64(Int32.max))) }
        out["appliesOncePerCustomer"] = .bool(try root["appliesOncePerCustomer"].boolean())
        return .object(out)
    }

    static func purchaseOrder(_ root: Reader) throws -> JSONValue {
        try root.onlyKeys(["vendor", "locationId", "currency", "lines", "totalMinor"])
        var out: [String: JSONValue] = [:]
        out["vendor"] = .string(try root["vendor"].text(maxCharacters: 255))
        if !root["locationId"].isAbsent { out["locationId"] = .string(try root["locationId"].gid("Location")) }
        out["currency"] = .string(try root["currency"].currency())
        var sum: Int64 = 0
        out["lines"] = .array(try root["lines"].array(min: 1, max: 5000).map { line -> JSONValue in
            try line.onlyKeys(["sku", "variantId", "title", "quantity", "unitCostMinor"])
            let quantity = try line["quantity"].integer(min: 1, max: 10_000_000)
            let cost = try line["unitCostMinor"].integer(min: 0, max: 1_000_000_000_000)
            sum += quantity * cost
            return ["sku": .string(try line["sku"].string(allowEmpty: true)), "variantId": .string(try line["variantId"].gid("ProductVariant")),
                    "title": .string(try line["title"].text(maxCharacters: 1000)), "quantity": .int(quantity), "unitCostMinor": .int(cost)]
        })
        let total = try root["totalMinor"].integer(min: 0, max: Int64.max)
        guard total == sum else { throw root["totalMinor"].invalid("must be the sum of the lines (\(sum)), not \(total)") }
        out["totalMinor"] = .int(total)
        return .object(out)
    }

    static func message(_ root: Reader) throws -> JSONValue {
        try root.onlyKeys(["to", "subject", "body", "channel"])
        let channel = try root["channel"].oneOf(["webhook"])
        return ["to": .string(try root["to"].text(maxCharacters: 1000)), "subject": .string(try root["subject"].text(maxCharacters: 1000)),
                "body": .string(try root["body"].string(allowEmpty: false)), "channel": .string(channel)]
    }

    static func tags(_ reader: Reader, required: Bool) throws -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for item in try reader.array(min: required ? 1 : 0, max: 250) {
            let tag = try item.text(maxCharacters: 255).trimmingCharacters(in: .whitespaces)
            guard !tag.contains(",") else { throw item.invalid("must not contain a comma (Shopify splits tags at commas)") }
            if seen.insert(tag).inserted { out.append(tag) }
        }
        return out
    }
}

extension ActionPayload {
    /// A cursor into a payload that knows its path, so every error names the field.
    struct Reader {
        var value: JSONValue
        var path: String
        var present = true

        subscript(key: String) -> Reader {
            if case .object(let members) = value, let member = members[key] {
                return Reader(value: member, path: path + "." + key)
            }
            return Reader(value: .null, path: path + "." + key, present: false)
        }

        /// Absent or null.
        var isAbsent: Bool { !present || value == .null }

        func invalid(_ reason: String) -> ActionError { .invalidPayload(field: path, reason: reason) }

        func onlyKeys(_ keys: Set<String>) throws {
            guard case .object(let members) = value else { throw invalid("must be an object") }
            if let unknown = members.keys.sorted().first(where: { !keys.contains($0) }) {
                throw ActionError.invalidPayload(field: path + "." + unknown, reason: "unknown field")
            }
        }

        func string(allowEmpty: Bool) throws -> String {
            guard !isAbsent else { throw invalid("required") }
            guard let text = value.string else { throw invalid("must be a string") }
            guard allowEmpty || !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw invalid("must not be empty") }
            return text
        }

        /// A non-empty string of at most `maxCharacters` characters.
        func text(maxCharacters: Int) throws -> String {
            let text = try string(allowEmpty: false)
            guard text.count <= maxCharacters else { throw invalid("must be at most \(maxCharacters) characters (has \(text.count))") }
            return text
        }

        func oneOf(_ allowed: [String]) throws -> String {
            let text = try string(allowEmpty: false)
            guard allowed.contains(text) else {
                let list = allowed.count == 1 ? "\"\(allowed[0])\"" : allowed.dropLast().joined(separator: ", ") + " or " + allowed.last!
                throw invalid("must be \(list)")
            }
            return text
        }

        /// `gid://shopify/<resource>/<digits>`; any resource when nil.
        func gid(_ resource: String?) throws -> String {
            let text = try string(allowEmpty: false)
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            // "gid:", "", "shopify", resource, id
            guard parts.count == 5, parts[0] == "gid:", parts[1].isEmpty, parts[2] == "shopify", !parts[3].isEmpty,
                  resource == nil || parts[3] == resource!, !parts[4].isEmpty, parts[4].allSatisfy(\.isASCII), UInt64(parts[4]) != nil
            else { throw invalid("must be a Shopify id like gid://shopify/\(resource ?? "Product")/123") }
            return text
        }

        func integer(min: Int64, max: Int64) throws -> Int64 {
            guard !isAbsent else { throw invalid("required") }
            let number: Int64?
            switch value {
            case .int(let i): number = i
            case .double(let d): number = d.rounded() == d && abs(d) < 9.0e15 ? Int64(d) : nil
            default: number = nil
            }
            guard let number else { throw invalid("must be a whole number") }
            guard number >= min, number <= max else { throw invalid(max == Int64.max ? "must be at least \(min)" : "must be between \(min) and \(max)") }
            return number
        }

        func boolean() throws -> Bool {
            guard !isAbsent else { throw invalid("required") }
            guard let flag = value.bool else { throw invalid("must be true or false") }
            return flag
        }

        func array(min: Int, max: Int) throws -> [Reader] {
            guard !isAbsent else { throw invalid("required") }
            guard case .array(let items) = value else { throw invalid("must be an array") }
            guard items.count >= min else { throw invalid(min == 1 ? "must not be empty" : "needs at least \(min) items") }
            guard items.count <= max else { throw invalid("must have at most \(max) items (has \(items.count))") }
            return items.enumerated().map { Reader(value: $1, path: "\(path)[\($0)]") }
        }

        func currency() throws -> String {
            let text = try string(allowEmpty: false)
            guard text.count == 3, text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                throw invalid("must be an ISO 4217 code like USD")
            }
            return text
        }

        func email() throws -> String {
            let text = try string(allowEmpty: false).trimmingCharacters(in: .whitespaces)
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(where: \.isWhitespace) else {
                throw invalid("must be an email address")
            }
            return text
        }

        /// ISO 8601 date-time with a zone ("2026-05-01T00:00:00Z").
        func dateTime() throws -> Date {
            let text = try string(allowEmpty: false)
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            throw invalid("must be an ISO 8601 date-time like 2026-05-01T00:00:00Z")
        }

        static func iso(_ date: Date) -> String {
            date.formatted(Date.ISO8601FormatStyle())
        }
    }
}
