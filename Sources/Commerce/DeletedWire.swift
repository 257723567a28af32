/// The body of products/delete: `{"id": 788032119674292922}`.
struct DeletedWire: Codable, Hashable, Sendable {
    var id: WireID
}
