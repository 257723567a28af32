import Commerce
import Foundation

/// JSON TEXT columns (addresses, tags, discount codes), written by hand on the ingest path.
///
/// `JSONEncoder` costs tens of microseconds per value on Linux, a large share of an event's
/// budget; these writers emit the same keys as the types' synthesized `Codable` conformances, so
/// reads decode them with a plain `JSONDecoder`.
public enum JSONColumn {
    /// `s` as a JSON string literal, escaped.
    public static func quoted(_ s: String) -> String {
        // Most values need no escaping: skip the per-scalar walk.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func strings(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ",") + "]"
    }

    static func money(_ m: Money) -> String {
        "{\"minorUnits\":\(m.minorUnits),\"currency\":\(quoted(m.currency))}"
    }

    static func discountCodes(_ codes: [DiscountCode]) -> String {
        "[" + codes.map { "{\"code\":\(quoted($0.code)),\"amount\":\(money($0.amount)),\"type\":\(quoted($0.type))}" }
            .joined(separator: ",") + "]"
    }

    static func address(_ a: Address?) -> String? {
        guard let a else { return nil }
        let fields: [(String, String?)] = [
            ("firstName", a.firstName), ("lastName", a.lastName), ("name", a.name), ("company", a.company),
            ("address1", a.address1), ("address2", a.address2), ("city", a.city), ("province", a.province),
            ("provinceCode", a.provinceCode), ("zip", a.zip), ("country", a.country),
            ("countryCode", a.countryCode), ("phone", a.phone),
        ]
        var out = "{"
        for (key, value) in fields {
            guard let value else { continue }
            if out.utf8.count > 1 { out += "," }
            out += "\"" + key + "\":" + quoted(value)
        }
        return out + "}"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }
}

extension Channel {
    /// The inverse of `Channel.name`, for rows read back.
    init(storedName: String) {
        switch storedName {
        case "web": self = .web
        case "pos": self = .pos
        case "shopify_draft_order": self = .draftOrder
        case "mobile_app": self = .mobileApp
        default: self = .other(storedName)
        }
    }
}
