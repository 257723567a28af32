import Foundation
import GRDB

/// Recommendations' reads over projections: orders as baskets, the catalog with stock and unit
/// cost, and one customer's purchases.
extension SQLiteStore {
    /// Lines that count in a basket: a product, not a gift card.
    static let basketLineFilter = "li.product_id IS NOT NULL AND li.gift_card = 0"

    /// One query driven by `orders_basket` in (second, id) order, lines joined by primary key,
    /// read lazily and grouped in Swift; with a limit the read stops at the first line of the
    /// order after the last one wanted, so a page costs its own rows, not the rest of the shop.
    public func recommendationBaskets(shopID: Int64, after: BasketCursor?, limit: Int?) async throws -> [OrderBasketRow] {
        let wanted = limit.map { max(0, $0) } ?? Int.max
        if wanted == 0 { return [] }
        let cursorCondition = after == nil ? "" : "AND o.created_at / 1000 >= ?2 AND (o.created_at / 1000 > ?2 OR o.id > ?3)"
        var arguments: StatementArguments = [shopID]
        if let after { arguments += [after.createdAt, after.orderID] }
        let sql = """
            SELECT o.id, o.customer_id, o.created_at / 1000, o.channel, li.product_id
            FROM orders o INDEXED BY orders_basket
            CROSS JOIN line_items li ON li.shop_id = o.shop_id AND li.order_id = o.id
            WHERE o.shop_id = ?1 \(cursorCondition) AND o.test = 0 AND o.cancelled_at IS NULL AND \(Self.basketLineFilter)
            ORDER BY o.created_at / 1000, o.id
            """
        let queryArguments = arguments
        return try await writer.read { db in
            var baskets: [OrderBasketRow] = []
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: queryArguments)
            var current: OrderBasketRow?
            var products: [Int64] = []
            func finish() {
                guard var basket = current else { return }
                products.sort()
                var distinct: [Int64] = []
                distinct.reserveCapacity(products.count)
                for p in products where distinct.last != p { distinct.append(p) }
                basket.productIDs = distinct
                baskets.append(basket)
                products.removeAll(keepingCapacity: true)
            }
            while let row = try rows.next() {
                let orderID: Int64 = row[0]
                if current?.orderID != orderID {
                    finish()
                    if baskets.count == wanted { current = nil; break }
                    current = OrderBasketRow(orderID: orderID, customerID: row[1], createdAt: row[2], channel: row[3], productIDs: [])
                }
                products.append(row[4])
            }
            finish()
            return baskets
        }
    }

    /// Units available per product over its variants' inventory items: NULL when there is no level
    /// with a known quantity (not tracked). ?1 is the shop, `p` the product.
    static let productAvailableSQL = """
        (SELECT SUM(l.available) FROM variants v
         JOIN inventory_levels l ON l.shop_id = v.shop_id AND l.inventory_item_id = v.inventory_item_id
         WHERE v.shop_id = p.shop_id AND v.product_id = p.id)
        """

    /// Three reads in one snapshot: products with their stock, variants cheapest first, and the
    /// unit costs set in replenishment settings (variant, else vendor, else shop scope, as the
    /// replenishment plan resolves them, ignoring location-specific scopes).
    public func recommendationCatalog(shopID: Int64) async throws -> [RecommendableProduct] {
        try await writer.read { db in
            var costByVariant: [Int64: Int64] = [:], costByVendor: [String: Int64] = [:]
            var shopCost: Int64?
            for row in try Row.fetchAll(db, sql: """
                SELECT scope, key, json_extract(overrides, '$.unitCostMinor') AS cost FROM replenishment_settings
                WHERE shop_id = ? AND scope IN ('shop', 'vendor', 'variant') AND json_extract(overrides, '$.unitCostMinor') IS NOT NULL
                """, arguments: [shopID]) {
                let key: String = row["key"], cost: Int64 = row["cost"]
                switch row["scope"] as String {
                case "variant": if let id = Int64(key) { costByVariant[id] = cost }
                case "vendor": costByVendor[key] = cost
                default: shopCost = cost
                }
            }
            var products: [RecommendableProduct] = []
            var index: [Int64: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.title, p.handle, p.product_type, p.vendor, p.tags, p.status, \(Self.productAvailableSQL) AS available
                FROM products p WHERE p.shop_id = ? ORDER BY p.id
                """, arguments: [shopID])
            while let row = try rows.next() {
                index[row[0]] = products.count
                products.append(RecommendableProduct(
                    productID: row[0], title: row[1], handle: row[2], productType: row[3], vendor: row[4],
                    tags: JSONColumn.decode([String].self, row[5]) ?? [], status: row[6], priceMinor: nil, currency: nil,
                    available: row[7], unitCostMinor: nil))
            }
            // Cheapest variant first: it sets the price, and its cost (else the next one's) the cost.
            let variants = try Row.fetchCursor(db, sql: """
                SELECT product_id, id, price_minor, currency FROM variants WHERE shop_id = ?
                ORDER BY product_id, price_minor, position, id
                """, arguments: [shopID])
            while let row = try variants.next() {
                guard let k = index[row[0]] else { continue }
                if products[k].priceMinor == nil {
                    products[k].priceMinor = row[2]
                    products[k].currency = row[3]
                }
                if products[k].unitCostMinor == nil {
                    products[k].unitCostMinor = costByVariant[row[1]]
                        ?? products[k].vendor.flatMap { costByVendor[$0] } ?? shopCost
                }
            }
            return products
        }
    }

    public func recommendationAvailability(shopID: Int64) async throws -> [ProductAvailability] {
        try await writer.read { db in
            var result: [ProductAvailability] = []
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT p.id, \(Self.productAvailableSQL) FROM products p WHERE p.shop_id = ? ORDER BY p.id
                """), arguments: [shopID])
            while let row = try rows.next() { result.append(ProductAvailability(productID: row[0], available: row[1])) }
            return result
        }
    }

    /// Gift-card lines and lines without a product are left out, as in baskets.
    public func customerPurchases(shopID: Int64, customerID: Int64) async throws -> [CustomerPurchase] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT li.product_id, COUNT(DISTINCT o.id), MAX(o.created_at) / 1000
                FROM orders o CROSS JOIN line_items li ON li.shop_id = o.shop_id AND li.order_id = o.id
                WHERE o.shop_id = ? AND o.customer_id = ? AND o.test = 0 AND o.cancelled_at IS NULL AND \(Self.basketLineFilter)
                GROUP BY li.product_id ORDER BY li.product_id
                """), arguments: [shopID, customerID]).map {
                CustomerPurchase(productID: $0[0], orders: $0[1], lastAt: $0[2])
            }
        }
    }
}
