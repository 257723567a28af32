import Foundation
import ShopifyAdmin

/// A JSON value whose object members keep their order: the fake answers fields in the order the
/// selection asked for them, as Shopify does (and the bulk JSONL puts `__parentId` last).
indirect enum FakeJSON: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([FakeJSON])
    case object([(String, FakeJSON)])

    /// Converts an unordered `JSONValue` (variables, arguments echoed back).
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(FakeJSON.init))
        case .object(let members): self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, FakeJSON($0.value)) })
        }
    }

    /// The member `key` of an object, or nil.
    subscript(key: String) -> FakeJSON? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// Compact JSON bytes. `escapeSlashes` writes `/` as `\/`, like Shopify's bulk JSONL files.
    func data(escapeSlashes: Bool = false) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(256)
        write(into: &out, escapeSlashes: escapeSlashes)
        return Data(out)
    }

    func write(into out: inout [UInt8], escapeSlashes: Bool) {
        switch self {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let flag): out.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .int(let number): out.append(contentsOf: Array(String(number).utf8))
        case .double(let number):
            if number.isFinite { out.append(contentsOf: Array("\(number)".utf8)) } else { out.append(contentsOf: Array("null".utf8)) }
        case .string(let text): Self.writeString(text, into: &out, escapeSlashes: escapeSlashes)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out, escapeSlashes: escapeSlashes)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.0, into: &out, escapeSlashes: escapeSlashes)
                out.append(UInt8(ascii: ":"))
                member.1.write(into: &out, escapeSlashes: escapeSlashes)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ text: String, into out: inout [UInt8], escapeSlashes: Bool) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "/") where escapeSlashes: out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8)); out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
