import Commerce
import Foundation

/// A bulk `BackfillQueries.products` root (its `ProductVariant` lines attached under `variants`) → `Commerce.Product`.
public enum GraphQLProductDecoder {
    /// - Parameter shopCurrency: variant prices are the `Money` scalar (a decimal string without a
    ///   currency) in the shop's currency, as in the products webhooks.
    public static func product(_ root: JSONValue, shopCurrency: String) throws(GraphQLDecodeError) -> Product {
        let idText = root["id"].string ?? "?"
        let fields = GraphQLFields(root, path: "products[\(idText)]")
        let id = try fields.gid("id", type: "Product")
        var variants: [Variant] = []
        for (index, child) in try fields.children("variants").enumerated() {
            let variant = GraphQLFields(child, path: "\(fields.path).variants[\(index)]")
            variants.append(Variant(
                id: try variant.gid("id", type: "ProductVariant"), productID: id, title: try variant.string("title"),
                sku: try variant.optionalString("sku"), price: try variant.decimal("price", currency: shopCurrency),
                compareAtPrice: try variant.optionalDecimal("compareAtPrice", currency: shopCurrency),
                inventoryItemID: try variant.nestedGID("inventoryItem", type: "InventoryItem"),
                inventoryQuantity: try variant.optionalInt("inventoryQuantity"),
                createdAt: try variant.optionalDate("createdAt"), updatedAt: try variant.optionalDate("updatedAt")))
        }
        return Product(
            id: id, title: try fields.string("title"), vendor: try fields.optionalString("vendor"),
            productType: try fields.optionalString("productType"), handle: try fields.optionalString("handle"),
            status: try fields.optionalString("status")?.lowercased(), tags: try fields.strings("tags"),
            createdAt: try fields.optionalDate("createdAt"), updatedAt: try fields.optionalDate("updatedAt"),
            variants: variants)
    }
}
