import Foundation

extension WireAmount: JSONReadable {
    /// A string kept as written, or a JSON number normalised through `Decimal` exactly as
    /// `init(from:)` does ("12.50" → "12.5"), so both readers hand the money parser the same text.
    init(reading reader: inout JSONReader) throws(JSONReadError) {
        switch reader.kind {
        case .string:
            text = try reader.string()
        case .number:
            let number = try reader.numberText()
            guard let decimal = Decimal(string: number) else {
                throw .field("must be a decimal amount (\(number) is out of range)")
            }
            text = decimal.description
        default:
            throw reader.mismatch("a decimal amount")
        }
    }
}
