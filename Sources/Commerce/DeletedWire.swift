/// The body of products/delete: `{"id": 788032119674292922}`.
struct DeletedWire: Decodable, Hashable, Sendable {
    var id: WireID
}

extension DeletedWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.endObject()
    }
}
