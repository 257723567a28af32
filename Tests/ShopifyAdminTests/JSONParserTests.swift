import Foundation
import ShopifyAdmin
import Testing
import TestSupport

/// The bulk reader's JSON parser: hand-written expectations, and agreement with Foundation's decoder.
@Suite("JSON parser")
struct JSONParserTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("values, escapes and numbers by hand")
    func values() throws {
        let value = try Self.parse(#"""
         {"id":"gid:\/\/shopify\/Order\/1","q":3,"neg":-12,"price":"19.90","x":1.5,"e":1e3,"big":9223372036854775807,
          "huge":9223372036854775808,"t":true,"f":false,"n":null,"a":[1,[2,{}],[]],"s":"tab\tquote\" \u00e9 \ud83d\ude00 \\"} 
        """#)
        #expect(value["id"] == "gid://shopify/Order/1")
        #expect(value["q"] == .int(3))
        #expect(value["neg"] == .int(-12))
        #expect(value["price"] == "19.90")
        #expect(value["x"] == .double(1.5))
        #expect(value["e"] == .double(1000))
        #expect(value["big"] == .int(Int64.max))
        #expect(value["huge"] == .double(9223372036854775808))
        #expect(value["t"] == true && value["f"] == false && value["n"] == .null)
        #expect(value["a"] == [1, [2, [:]], []])
        #expect(value["s"] == .string("tab\tquote\" é 😀 \\"))
    }

    @Test("malformed input is refused with the byte offset", arguments: [
        #"{"a":1,}"#, #"[1 2]"#, #"{"a" 1}"#, "01", "-", "1.", "1e", #""abc"#, #""\ud800""#, #""\x""#, "tru", "{} x", "",
    ])
    func malformed(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { _ = try Self.parse(text) }
    }

    @Test("agrees with Foundation's decoder on Shopify's captured bulk output and cost example")
    func agreesWithFoundation() throws {
        guard let jsonl = SharedData.data("shopify/bulk_operation_example.jsonl"),
              let cost = SharedData.data("shopify/graphql_cost_example.json") else { return }
        var lines = 0
        for line in jsonl.split(separator: UInt8(ascii: "\n")) {
            #expect(try JSONParser.parse(line) == JSONValue.parse(Data(line)))
            lines += 1
        }
        #expect(lines == 4)
        #expect(try JSONParser.parse(cost) == JSONValue.parse(cost))
    }
}
