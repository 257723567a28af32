import Commerce
import NIOCore
import Pipeline

/// Writes a ``RecommendationResponse`` as JSON straight into one byte buffer.
///
/// Recommendations are served on every product page, cart and home page a storefront renders
/// (the target is 2,000 requests/s), so, like ``CustomerProfileJSON``, this skips `JSONEncoder`.
/// Keys are written in the documented order; `handle`, `product_type`, `vendor` and `available`
/// are `null` when unknown, so a theme sees the same shape every time:
///
/// ```json
/// {"request_id":"rec-…","model_version":"r3","surface":"product","products":[{"product_id":902,
///  "title":"Paper Filters","handle":"paper-filters","product_type":"Filters","vendor":null,"price":"6.00",
///  "currency":"USD","available":40,"position":1,"score":0.8123,"signal":"bought_together","evidence":2,
///  "reason":"Bought together with Pour-over Dripper 2 times"}]}
/// ```
struct RecommendationJSON {
    private(set) var buffer: ByteBuffer

    init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    static func encode(_ response: RecommendationResponse) -> ByteBuffer {
        // About 330 bytes per product with typical titles; one allocation in the common case.
        var writer = RecommendationJSON(capacity: 128 + 360 * response.products.count)
        writer.response(response)
        return writer.buffer
    }

    mutating func response(_ r: RecommendationResponse) {
        buffer.writeStaticString("{\"request_id\":")
        string(r.requestID)
        buffer.writeStaticString(",\"model_version\":")
        string(r.modelVersion)
        buffer.writeStaticString(",\"surface\":")
        string(r.surface)
        buffer.writeStaticString(",\"products\":[")
        for (index, product) in r.products.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            self.product(product)
        }
        buffer.writeStaticString("]}")
    }

    mutating func product(_ p: RecommendedProduct) {
        buffer.writeStaticString("{\"product_id\":")
        int(p.productID)
        buffer.writeStaticString(",\"title\":")
        string(p.title)
        buffer.writeStaticString(",\"handle\":")
        optional(p.handle)
        buffer.writeStaticString(",\"product_type\":")
        optional(p.productType)
        buffer.writeStaticString(",\"vendor\":")
        optional(p.vendor)
        buffer.writeStaticString(",\"price\":")
        string(Money(minorUnits: p.priceMinor, currency: p.currency).decimalString)
        buffer.writeStaticString(",\"currency\":")
        string(p.currency)
        buffer.writeStaticString(",\"available\":")
        if let available = p.available { int(Int64(available)) } else { buffer.writeStaticString("null") }
        buffer.writeStaticString(",\"position\":")
        int(Int64(p.position))
        buffer.writeStaticString(",\"score\":")
        score(p.score)
        buffer.writeStaticString(",\"signal\":")
        string(p.signal)
        buffer.writeStaticString(",\"evidence\":")
        int(Int64(p.evidence))
        buffer.writeStaticString(",\"reason\":")
        string(p.reason)
        buffer.writeStaticString("}")
    }

    private mutating func optional(_ value: String?) {
        if let value { string(value) } else { buffer.writeStaticString("null") }
    }

    /// Ids and counts fit a small (inline, not heap-allocated) `String`.
    private mutating func int(_ value: Int64) { buffer.writeString(String(value)) }

    /// The blended score rounded to 4 decimals (more is noise to a theme), shortest form; 0 when not finite.
    private mutating func score(_ value: Double) {
        guard value.isFinite else { buffer.writeStaticString("0"); return }
        let rounded = (value * 10_000).rounded() / 10_000
        var text = rounded.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.writeString(text)
    }

    /// RFC 8259 §7 string (see `ByteBuffer.writeJSONString`).
    mutating func string(_ value: String) {
        buffer.writeJSONString(value)
    }
}
