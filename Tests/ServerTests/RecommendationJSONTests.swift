import Foundation
import NIOCore
import Pipeline
import Testing
@testable import Server

/// The hand-written recommendations JSON: valid after parsing, keys in the documented order,
/// hostile text escaped, unknowns as null, prices in the currency's minor-unit digits.
@Suite("Recommendation JSON")
struct RecommendationJSONTests {
    static let hostile = "Mug \"Harbour\" \\ 50%\n\t<script>\u{01}é"

    static func product(_ title: String, priceMinor: Int64, currency: String, handle: String? = "mug", available: Int? = 3) -> RecommendedProduct {
        RecommendedProduct(productID: 940, title: title, handle: handle, productType: nil, vendor: nil, priceMinor: priceMinor, currency: currency,
                           available: available, position: 1, score: 0.123456, signal: "bought_together", evidence: 3,
                           reason: "Bought together with \(title) 3 times")
    }

    @Test("Escapes quotes, backslashes and control characters; keeps UTF-8; writes null for unknown fields")
    func escaping() throws {
        let response = RecommendationResponse(requestID: "req \"1\"", modelVersion: "r2", surface: "product",
                                              products: [Self.product(Self.hostile, priceMinor: 1250, currency: "USD", handle: nil, available: nil)])
        let text = String(buffer: RecommendationJSON.encode(response))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["request_id"] as? String == "req \"1\"")
        let product = try #require((object["products"] as? [[String: Any]])?.first)
        #expect(product["title"] as? String == Self.hostile)
        #expect(product["handle"] is NSNull && product["vendor"] is NSNull && product["available"] is NSNull)
        #expect(product["price"] as? String == "12.50")
        // 0.123456 rounded to 4 decimals.
        #expect(product["score"] as? Double == 0.1235)
        #expect(text.contains("\\u0001") && text.contains("\\n") && text.contains("\\t"))
        #expect(text.hasPrefix("{\"request_id\":"))
        let keys = ["product_id", "title", "handle", "product_type", "vendor", "price", "currency", "available", "position", "score",
                    "signal", "evidence", "reason"].map { "\"\($0)\":" }
        let offsets = keys.map { text.range(of: $0)!.lowerBound }
        #expect(offsets == offsets.sorted())
    }

    @Test("Prices follow ISO 4217 digits: 1500 JPY is 1500, 12345 KWD minor units is 12.345; an empty list is []")
    func prices() throws {
        let response = RecommendationResponse(requestID: "r", modelVersion: "none", surface: "cart", products: [
            Self.product("a", priceMinor: 1500, currency: "JPY"), Self.product("b", priceMinor: 12345, currency: "KWD"),
        ])
        let text = String(buffer: RecommendationJSON.encode(response))
        #expect(text.contains("\"price\":\"1500\",\"currency\":\"JPY\""))
        #expect(text.contains("\"price\":\"12.345\",\"currency\":\"KWD\""))
        let empty = String(buffer: RecommendationJSON.encode(RecommendationResponse(requestID: "r", modelVersion: "none", surface: "cart", products: [])))
        #expect(empty == "{\"request_id\":\"r\",\"model_version\":\"none\",\"surface\":\"cart\",\"products\":[]}")
    }
}
