/// The body of locations/create|update; Storewise keeps the id and name.
///
/// Shopify's location payload says nothing about POS, so `isPOS` decodes as false; a location
/// becomes POS in Storewise when POS orders name it.
struct LocationWire: Decodable, Hashable, Sendable {
    var id: WireID
    var admin_graphql_api_id: String?
    var name: String
    var active: Bool?

    init(_ location: Location) {
        id = WireID(location.id); admin_graphql_api_id = EncodeContext.gid("Location", location.id)
        name = location.name; active = true
    }

    var model: Location { Location(id: id.value, name: name, isPOS: false) }
}

extension LocationWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.field("name", name)
        writer.field("active", active)
        writer.endObject()
    }
}
