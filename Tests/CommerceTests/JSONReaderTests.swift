@testable import Commerce
import Foundation
import Testing

/// `JSONReader` on its own: the RFC 8259 grammar, escapes, numbers, nesting and error paths.
///
/// Expected values are written out by hand from the RFC and the Unicode tables.
@Suite struct JSONReaderTests {
    /// Reads `text` as one value with `read`.
    static func read<T>(_ text: String, _ read: (inout JSONReader) throws(JSONReadError) -> T) throws(JSONReadError) -> T {
        try JSONReader.read(Data(text.utf8), read)
    }

    static func string(_ json: String) throws(JSONReadError) -> String {
        try read(json) { (reader) throws(JSONReadError) in try reader.string() }
    }

    static func int64(_ json: String) throws(JSONReadError) -> Int64 {
        try read(json) { (reader) throws(JSONReadError) in try reader.int64() }
    }

    /// Validates `bytes` as one JSON document without building anything.
    static func validate(_ bytes: [UInt8]) throws(JSONReadError) {
        try JSONReader.read(Data(bytes)) { (reader) throws(JSONReadError) in try reader.skipValue() }
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""""#, ""),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""caf\u00e9""#, "café"),
        (#""caf\u00E9""#, "café"),
        (#""\u0000""#, "\u{0}"),
        (#""\ud83d\ude00 grin""#, "😀 grin"),
        (#""\uD834\uDD1E""#, "𝄞"),
        (#""raw é 😀 漢字""#, "raw é 😀 漢字"),
        (#""mixed é\nand \u20ac""#, "mixed é\nand €"),
        ("\"\u{7F}\"", "\u{7F}"),
    ])
    func stringsAndEscapes(json: String, expected: String) throws {
        #expect(try Self.string(json) == expected)
    }

    @Test(arguments: [
        ("0", 0), ("-0", 0), ("7", 7), ("-42", -42), ("5550001", 5_550_001),
        ("9007199254740993", 9_007_199_254_740_993),  // 2^53 + 1: exact
        ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
    ] as [(String, Int64)])
    func integersAreExact(json: String, expected: Int64) throws {
        #expect(try Self.int64(json) == expected)
    }

    @Test(arguments: ["9223372036854775808", "-9223372036854775809", "2.0", "1e2", "1.5", "-0.0", "1E+2"])
    func integersRejectFractionsExponentsAndOverflow(json: String) {
        #expect(throws: JSONReadError.self) { try Self.int64(json) }
    }

    @Test(arguments: ["0", "-0", "12.50", "0.5", "-1.25e-3", "1E10", "6.02e+23", "123456789012345678901234567890"])
    func numbersKeepTheirText(json: String) throws {
        #expect(try Self.read(json) { (reader) throws(JSONReadError) in try reader.numberText() } == json)
    }

    @Test(arguments: [
        "{}", "[]", " \t\n\r{ } \n", "null", "true", "false", "\"x\"", "-0.0e-0",
        #"{"a":[1,2.5,-3e4,"s",true,false,null,{"b":{}}],"c":{"d":[[]]}}"#,
        #"{"dup":1,"dup":2}"#,
    ])
    func wellFormedDocumentsAreAccepted(json: String) throws {
        try Self.validate(Array(json.utf8))
    }

    @Test(arguments: [
        "", " ", "{", "}", "[", #"{"a":1"#, #"{"a":"#, #"{"a""#, #"{"a":1,}"#, "[1,]", "[,1]", "[1 2]", #"{"a" 1}"#,
        "{a:1}", "{'a':1}", #"{"a":1} x"#, #"{"a":1}{}"#, "01", "[01]", "1.", ".5", "+1", "-", "1e", "1e+", "0x1F",
        "NaN", "Infinity", "tru", "nul", "falsey", "True", #""unterminated"#, #""bad \x escape""#, #""\u12G4""#,
        #""\u123""#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#, "\"tab\there\"",
        "\"new\nline\"", "// c\n{}", "{}\u{0B}", "\u{FEFF}{}",
    ])
    func malformedDocumentsAreRejected(json: String) {
        #expect(throws: JSONReadError.self) { try Self.validate(Array(json.utf8)) }
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22],  // not UTF-8 at all
        [0x22, 0xC3, 0x22],  // truncated two-byte sequence
        [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-16 surrogate encoded as UTF-8
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x7B, 0x22, 0x6B, 0xE9, 0x22, 0x3A, 0x31, 0x7D],  // Latin-1 "é" in a key
    ] as [[UInt8]])
    func invalidUTF8IsRejected(bytes: [UInt8]) {
        #expect(throws: JSONReadError.self) { try Self.validate(bytes) }
    }

    @Test func nestingIsLimited() throws {
        let deepest = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        try Self.validate(Array(deepest.utf8))
        let tooDeep = "[" + deepest + "]"
        #expect(throws: JSONReadError.self) { try Self.validate(Array(tooDeep.utf8)) }
    }

    @Test func keysWithEscapesMatchAndTheFirstDuplicateWins() throws {
        let body = Data(#"{"n\u0061me":"first","name":"second","currency_code":"EUR","amount":"1.00","x":[{}]}"#.utf8)
        let money = try JSONReader.read(body) { (reader) throws(JSONReadError) in try MoneyWire(reading: &reader) }
        #expect(money == MoneyWire(amount: WireAmount("1.00"), currency_code: "EUR"))
        let first = try JSONReader.read(Data(#"{"amount":"1.00","amount":{"not":"read"}}"#.utf8)) {
            (reader) throws(JSONReadError) in try MoneyWire(reading: &reader)
        }
        #expect(first.amount == WireAmount("1.00"))
    }

    @Test func errorsNameTheirPath() {
        let body = Data(#"{"line_items":[{"quantity":1},{"quantity":2.5}],"id":1}"#.utf8)
        let error = Self.orderError(body)
        #expect(error?.field == "line_items[1].quantity")
        #expect(error?.reason == "must be an integer but found 2.5")
        #expect(Self.orderError(Data(#"{"id":null}"#.utf8))?.reason == "is null but must be an integer")
        let missing = Self.orderError(Data(##"{"id":1,"name":"#1","created_at":"x","line_items":[]}"##.utf8))
        #expect(missing == JSONReadError(isSyntax: false, field: "updated_at", reason: "is missing"))
        let nested = Self.orderError(Data(#"{"total_price_set":{"shop_money":{"amount":true}}}"#.utf8))
        #expect(nested?.field == "total_price_set.shop_money.amount")
    }

    @Test func malformedJSONOutranksAWrongType() {
        // The type error comes first in the document, but the body is not JSON: that is what is reported.
        let error = Self.orderError(Data(##"{"id":"x1","name":"#1",}"##.utf8))
        #expect(error?.isSyntax == true)
        #expect(error?.field == "")
        #expect(ShopifyJSON.decodeError(Data(#"{"id":1,"#.utf8))?.reason.hasPrefix("body is not valid JSON: ") == true)
    }

    static func orderError(_ body: Data) -> JSONReadError? {
        do throws(JSONReadError) {
            _ = try JSONReader.read(body) { (reader) throws(JSONReadError) in try OrderWire(reading: &reader) }
            return nil
        } catch {
            return error
        }
    }
}

extension ShopifyJSON {
    /// `readWire`'s error for an order body, or nil.
    static func decodeError(_ body: Data) -> PayloadError? {
        do throws(PayloadError) {
            _ = try readWire(OrderWire.self, body)
            return nil
        } catch {
            return error
        }
    }
}
