/// The body of shop/redact: `{"shop_id": 954889, "shop_domain": "x.myshopify.com"}`.
struct ShopRedactWire: Decodable, Hashable, Sendable {
    var shop_id: WireID?
    var shop_domain: String?
}

extension ShopRedactWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("shop_id", shop_id)
        writer.field("shop_domain", shop_domain)
        writer.endObject()
    }
}
