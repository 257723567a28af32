/// A Shopify product: the body of products/create|update.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct ProductWire: Decodable, Hashable, Sendable {
    var id: WireID
    var admin_graphql_api_id: String?
    var title: String
    var vendor: String?
    var product_type: String?
    var handle: String?
    var status: String?
    var tags: String?
    var created_at: String?
    var updated_at: String?
    var variants: [VariantWire]?

    init(_ product: Product, context: EncodeContext) {
        id = WireID(product.id)
        admin_graphql_api_id = EncodeContext.gid("Product", product.id)
        title = product.title; vendor = product.vendor; product_type = product.productType
        handle = product.handle; status = product.status; tags = EncodeContext.tags(product.tags) ?? ""
        created_at = context.date(product.createdAt); updated_at = context.date(product.updatedAt)
        variants = product.variants.map { VariantWire($0, context: context) }
    }

    /// The domain product; prices are in `context.currency`, since products webhooks carry none.
    func model(_ context: DecodeContext) throws(PayloadError) -> Product {
        var models: [Variant] = []
        for (index, variant) in (variants ?? []).enumerated() {
            models.append(try variant.model(context, productID: id.value, path: "variants[\(index)]"))
        }
        return Product(
            id: id.value, title: title, vendor: vendor, productType: product_type, handle: handle,
            status: status, tags: DecodeContext.tags(tags),
            createdAt: try context.date(created_at, "created_at"),
            updatedAt: try context.date(updated_at, "updated_at"), variants: models)
    }
}

extension ProductWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.field("title", title)
        writer.field("vendor", vendor)
        writer.field("product_type", product_type)
        writer.field("handle", handle)
        writer.field("status", status)
        writer.field("tags", tags)
        writer.field("created_at", created_at)
        writer.field("updated_at", updated_at)
        writer.field("variants", variants)
        writer.endObject()
    }
}
