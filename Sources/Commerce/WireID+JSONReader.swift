extension WireID: JSONReadable {
    /// A JSON integer, or a string that `Int64.init(_:)` accepts, as in `init(from:)`.
    init(reading reader: inout JSONReader) throws(JSONReadError) {
        switch reader.kind {
        case .number:
            value = try reader.int64()
        case .string:
            let text = try reader.string()
            guard let number = Int64(text) else {
                throw .field("must be an integer (expected an integer id or a string of digits, found \"\(text)\")")
            }
            value = number
        default:
            throw reader.mismatch("an integer")
        }
    }
}
