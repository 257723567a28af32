/// The shop object app/uninstalled sends, and the `shop_id`/`shop_domain` pair of shop/redact.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct ShopWire: Decodable, Hashable, Sendable {
    var id: WireID?
    var domain: String?
    var myshopify_domain: String?

    /// The permanent `*.myshopify.com` domain when given, else the custom domain.
    var bestDomain: String? { myshopify_domain ?? domain }
}

extension ShopWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("domain", domain)
        writer.field("myshopify_domain", myshopify_domain)
        writer.endObject()
    }
}
