/// A value `JSONReader` can read: the wire types of the hot webhook topics and their leaves.
///
/// Every field of a wire type is then read the same way, `field = try reader.read()`, the
/// type coming from the field: `T?` takes `null` as nil, `[T]` is an array, and a required
/// field rejects `null` just as `JSONDecoder` does.
protocol JSONReadable {
    init(reading reader: inout JSONReader) throws(JSONReadError)
}

extension JSONReader {
    /// Reads one value as `T`.
    @inline(__always) mutating func read<T: JSONReadable>(_: T.Type = T.self) throws(JSONReadError) -> T {
        try T(reading: &self)
    }
}

extension Optional: JSONReadable where Wrapped: JSONReadable {
    init(reading reader: inout JSONReader) throws(JSONReadError) {
        self = try reader.nullable { (reader) throws(JSONReadError) in try Wrapped(reading: &reader) }
    }
}

extension Array: JSONReadable where Element: JSONReadable {
    init(reading reader: inout JSONReader) throws(JSONReadError) {
        self = try reader.readArray { (reader) throws(JSONReadError) in try Element(reading: &reader) }
    }
}

extension String: JSONReadable {
    init(reading reader: inout JSONReader) throws(JSONReadError) { self = try reader.string() }
}

extension Int: JSONReadable {
    init(reading reader: inout JSONReader) throws(JSONReadError) { self = try reader.int() }
}

extension Bool: JSONReadable {
    init(reading reader: inout JSONReader) throws(JSONReadError) { self = try reader.bool() }
}
