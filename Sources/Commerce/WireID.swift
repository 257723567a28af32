/// A Shopify id on the wire: a JSON integer, or a string of digits (some APIs quote ids).
///
/// Decoded as `Int64`, never `Double`, so ids above 2^53 stay exact.
struct WireID: Decodable, Hashable, Sendable {
    var value: Int64

    init(_ value: Int64) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            throw DecodingError.valueNotFound(
                Int64.self, .init(codingPath: decoder.codingPath, debugDescription: "id is null"))
        }
        if let number = try? container.decode(Int64.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Int64(text) {
            value = number
        } else {
            throw DecodingError.typeMismatch(
                WireID.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected an integer id or a string of digits"))
        }
    }
}

extension WireID: JSONWritable {
    func write(to writer: inout JSONWriter) { writer.integer(value) }
}
