/// One entry of a product's `variants`.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct VariantWire: Decodable, Hashable, Sendable {
    var id: WireID
    var admin_graphql_api_id: String?
    var product_id: WireID?
    var title: String
    var sku: String?
    var price: WireAmount
    var compare_at_price: WireAmount?
    var inventory_item_id: WireID?
    var inventory_quantity: Int?
    var created_at: String?
    var updated_at: String?

    init(_ variant: Variant, context: EncodeContext) {
        id = WireID(variant.id)
        admin_graphql_api_id = EncodeContext.gid("ProductVariant", variant.id)
        product_id = WireID(variant.productID); title = variant.title; sku = variant.sku
        price = WireAmount(variant.price.decimalString)
        compare_at_price = variant.compareAtPrice.map { WireAmount($0.decimalString) }
        inventory_item_id = variant.inventoryItemID.map(WireID.init)
        inventory_quantity = variant.inventoryQuantity
        created_at = context.date(variant.createdAt); updated_at = context.date(variant.updatedAt)
    }

    func model(_ context: DecodeContext, productID: Int64, path: @autoclosure () -> String) throws(PayloadError) -> Variant {
        var compareAt: Money?
        // The admin sends "" as well as null for "no compare-at price".
        if let text = compare_at_price?.text, !text.isEmpty {
            compareAt = try context.parse(text, context.currency, path() + ".compare_at_price")
        }
        return Variant(
            id: id.value, productID: product_id?.value ?? productID, title: title, sku: sku,
            price: try context.parse(price.text, context.currency, path() + ".price"),
            compareAtPrice: compareAt, inventoryItemID: inventory_item_id?.value,
            inventoryQuantity: inventory_quantity,
            createdAt: try context.date(created_at, path() + ".created_at"),
            updatedAt: try context.date(updated_at, path() + ".updated_at"))
    }
}

extension VariantWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.field("product_id", product_id)
        writer.field("title", title)
        writer.field("sku", sku)
        writer.field("price", price)
        writer.field("compare_at_price", compare_at_price)
        writer.field("inventory_item_id", inventory_item_id)
        writer.field("inventory_quantity", inventory_quantity)
        writer.field("created_at", created_at)
        writer.field("updated_at", updated_at)
        writer.endObject()
    }
}
