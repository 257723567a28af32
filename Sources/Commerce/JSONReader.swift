import Foundation

/// A strict JSON reader that walks a body's bytes in place and materialises only what a wire
/// type asks for.
///
/// Foundation's `JSONDecoder` builds a tree of the whole body and then goes through the
/// `Decoder` protocol for each key; on a 3–5 KB Shopify order that was most of the ingest CPU.
/// Here a wire type's `init(reading:)` pulls the keys Storewise models (matched as bytes, see
/// `JSONKeyTable`) and every other value is validated and skipped without being built.
///
/// The grammar is RFC 8259 with no extensions: no trailing commas, no comments, no leading zeros,
/// no lone surrogates, no raw control characters, valid UTF-8 only, at most `maxDepth` nested
/// containers. Duplicate keys: the first one wins, as in `JSONDecoder`.
///
/// ```swift
/// let wire = try JSONReader.read(body) { (reader) throws(JSONReadError) in try OrderWire(reading: &reader) }
/// ```
struct JSONReader {
    /// Deepest nesting of objects and arrays accepted, as in Foundation's parser.
    static let maxDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    /// Index of the next unread byte.
    var offset = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Reads `body` as exactly one JSON value (surrounding whitespace allowed) with `read`.
    ///
    /// When `read` rejects a value's shape, the whole body is checked first, so malformed JSON is
    /// always reported as such, whatever part of it `read` reached.
    static func read<T>(
        _ body: Data, _ read: (inout JSONReader) throws(JSONReadError) -> T
    ) throws(JSONReadError) -> T {
        let result = body.withUnsafeBytes { raw -> Result<T, JSONReadError> in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            do throws(JSONReadError) {
                return .success(try document(bytes, read))
            } catch where !error.isSyntax {
                do throws(JSONReadError) {
                    try document(bytes) { (reader) throws(JSONReadError) in try reader.skipValue() }
                    return .failure(error)
                } catch {
                    return .failure(error)
                }
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func document<T>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ read: (inout JSONReader) throws(JSONReadError) -> T
    ) throws(JSONReadError) -> T {
        var reader = JSONReader(bytes)
        reader.skipWhitespace()
        let value = try read(&reader)
        reader.skipWhitespace()
        guard reader.offset == bytes.count else {
            throw .syntax("unexpected data after the JSON value", at: reader.offset)
        }
        return value
    }

    // MARK: - Looking ahead

    /// The byte at `offset`, or 0 past the end (0 is never valid where a token is expected).
    @inline(__always) var current: UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    @inline(__always) func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    /// What kind of value starts at `offset`, judged by its first byte.
    var kind: JSONValueKind {
        switch current {
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "\""): .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .boolean
        case UInt8(ascii: "n"): .null
        default: .invalid
        }
    }

    /// The error for a value of the wrong kind where `expected` ("a string", …) was wanted.
    func mismatch(_ expected: String) -> JSONReadError {
        switch kind {
        case .null: .field("is null but must be \(expected)")
        case .invalid: syntaxError()
        case let found: .field("must be \(expected) but found \(found.description)")
        }
    }

    /// The error for an unexpected byte (or end of input) at `offset`.
    func syntaxError(_ expected: String = "a JSON value") -> JSONReadError {
        guard offset < bytes.count else { return .syntax("unexpected end of input, expected \(expected)", at: offset) }
        let found = current
        let shown = found >= 0x20 && found < 0x7F ? "'\(Character(Unicode.Scalar(found)))'" : "byte 0x\(String(found, radix: 16))"
        return .syntax("unexpected \(shown), expected \(expected)", at: offset)
    }

    @inline(__always) mutating func skipWhitespace() {
        while true {
            switch current {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): offset += 1
            default: return
            }
        }
    }

    // MARK: - Containers

    /// Reads an object, handing each key `Key` knows to `field` (which must read exactly one value)
    /// and skipping the rest; then checks that the table's required keys were all there.
    ///
    /// A repeated key is skipped after its first occurrence (`JSONDecoder` keeps the first too).
    /// An error from `field` leaves with the key prefixed to its path.
    mutating func readObject<Key: JSONKey>(
        _: Key.Type = Key.self, _ field: (Key, inout JSONReader) throws(JSONReadError) -> Void
    ) throws(JSONReadError) {
        guard current == UInt8(ascii: "{") else { throw mismatch("an object") }
        try enterContainer()
        let table = Key.table
        var seen: UInt64 = 0
        skipWhitespace()
        if current != UInt8(ascii: "}") {
            while true {
                guard current == UInt8(ascii: "\"") else { throw syntaxError("a key string") }
                let match = try readKey(table)
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw syntaxError("':'") }
                offset += 1
                skipWhitespace()
                if let match, seen & match.bit == 0 {
                    seen |= match.bit
                    do throws(JSONReadError) {
                        try field(match.key, &self)
                    } catch {
                        throw error.inside(key: match.key.rawValue)
                    }
                } else {
                    try skipValue()
                }
                guard try nextMember(closing: UInt8(ascii: "}")) else { break }
            }
        }
        offset += 1
        depth -= 1
        let missing = table.required & ~seen
        if missing != 0 { throw .missing(table.name(bit: missing.trailingZeroBitCount)) }
    }

    /// Reads an array of values, each with `element`; an error leaves with the index prefixed.
    mutating func readArray<Element>(
        _ element: (inout JSONReader) throws(JSONReadError) -> Element
    ) throws(JSONReadError) -> [Element] {
        guard current == UInt8(ascii: "[") else { throw mismatch("an array") }
        try enterContainer()
        var elements: [Element] = []
        skipWhitespace()
        if current != UInt8(ascii: "]") {
            while true {
                do throws(JSONReadError) {
                    elements.append(try element(&self))
                } catch {
                    throw error.inside(index: elements.count)
                }
                guard try nextMember(closing: UInt8(ascii: "]")) else { break }
            }
        }
        offset += 1
        depth -= 1
        return elements
    }

    /// `null` → nil; anything else is read with `read`.
    @inline(__always) mutating func nullable<T>(
        _ read: (inout JSONReader) throws(JSONReadError) -> T
    ) throws(JSONReadError) -> T? {
        if current == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try read(&self)
    }

    /// Validates and steps over one value of any kind without building it.
    mutating func skipValue() throws(JSONReadError) {
        switch current {
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try scanNumber()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "{"):
            try enterContainer()
            skipWhitespace()
            guard current != UInt8(ascii: "}") else { return leaveEmptyContainer() }
            while true {
                guard current == UInt8(ascii: "\"") else { throw syntaxError("a key string") }
                _ = try scanString()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw syntaxError("':'") }
                offset += 1
                skipWhitespace()
                try skipValue()
                guard try nextMember(closing: UInt8(ascii: "}")) else { break }
            }
            offset += 1
            depth -= 1
        case UInt8(ascii: "["):
            try enterContainer()
            skipWhitespace()
            guard current != UInt8(ascii: "]") else { return leaveEmptyContainer() }
            while true {
                try skipValue()
                guard try nextMember(closing: UInt8(ascii: "]")) else { break }
            }
            offset += 1
            depth -= 1
        default:
            throw syntaxError()
        }
    }

    /// Steps over `literal` ("true", "false", "null"), which must be there in full.
    mutating func literal(_ literal: StaticString) throws(JSONReadError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for index in 0..<count where byte(at: offset + index) != start[index] {
            offset += index
            throw syntaxError("'\(literal)'")
        }
        offset += count
    }

    /// Steps over the opening bracket, counting the depth.
    private mutating func enterContainer() throws(JSONReadError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw .syntax("nesting deeper than \(Self.maxDepth) levels", at: offset) }
        offset += 1
    }

    private mutating func leaveEmptyContainer() {
        offset += 1
        depth -= 1
    }

    /// After a member: true (past the comma) if another follows, false (on `closing`) if not.
    @inline(__always) private mutating func nextMember(closing: UInt8) throws(JSONReadError) -> Bool {
        skipWhitespace()
        if current == UInt8(ascii: ",") {
            offset += 1
            skipWhitespace()
            return true
        }
        guard current == closing else { throw syntaxError("',' or '\(Character(Unicode.Scalar(closing)))'") }
        return false
    }
}

/// The kind of a JSON value, from its first byte.
enum JSONValueKind: Sendable, CustomStringConvertible {
    case object, array, string, number, boolean, null, invalid

    var description: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean"
        case .null: "null"
        case .invalid: "invalid JSON"
        }
    }
}
