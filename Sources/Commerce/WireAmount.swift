import Foundation

/// A money amount on the wire, kept as its decimal text until the currency is known.
///
/// Shopify sends amounts as strings ("89.99"), but a few fields (refund line `subtotal`) are
/// JSON numbers; those are read through `Decimal`, which keeps the digits exact.
struct WireAmount: Decodable, Hashable, Sendable {
    var text: String

    init(_ text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(Decimal.self) {
            self.text = number.description
        } else {
            throw DecodingError.typeMismatch(
                WireAmount.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected a decimal string such as \"19.99\""))
        }
    }
}

extension WireAmount: JSONWritable {
    func write(to writer: inout JSONWriter) { writer.string(text) }
}
