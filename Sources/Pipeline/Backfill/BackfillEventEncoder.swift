import Commerce
import Foundation
import ShopifyAdmin
import Storage

/// Assembled bulk roots → `IncomingEvent`s in the REST webhook shape, keyed `backfill:<resource>:<id>:<updatedAt>`.
///
/// The key holds `updatedAt`, so a later backfill of a changed object is a new event while the same
/// object read twice (a resumed run) is a duplicate.
struct BackfillEventEncoder: Sendable {
    let shopID: Int64
    let shopCurrency: String
    let receivedAt: Date

    func events(_ resource: BackfillResource, root: JSONValue) throws -> [IncomingEvent] {
        switch resource {
        case .orders:
            let order = try GraphQLOrderDecoder.order(root)
            return [event(.ordersCreate, key: "orders:\(order.id):\(stamp(order.updatedAt))", payload: .order(order))]
        case .products:
            let product = try GraphQLProductDecoder.product(root, shopCurrency: shopCurrency)
            return [event(.productsCreate, key: "products:\(product.id):\(stamp(product.updatedAt))", payload: .product(product))]
        case .customers:
            let customer = try GraphQLCustomerDecoder.customer(root)
            return [event(.customersCreate, key: "customers:\(customer.id):\(stamp(customer.updatedAt))", payload: .customer(customer))]
        case .inventory:
            return try GraphQLInventoryDecoder.levels(root).map { level in
                event(.inventoryLevelsUpdate, key: "inventory:\(level.inventoryItemID)-\(level.locationID):\(stamp(level.updatedAt))",
                      payload: .inventoryLevel(level))
            }
        }
    }

    func event(_ topic: WebhookTopic, key: String, payload: WebhookPayload) -> IncomingEvent {
        IncomingEvent(shopID: shopID, topic: topic, webhookID: "backfill:" + key, body: ShopifyJSON.encode(payload),
                      payload: payload, receivedAt: receivedAt, source: .backfill)
    }

    /// Whole seconds since 1970 (the webhook id needs a stable text, not a formatted date).
    func stamp(_ date: Date?) -> String {
        date.map { String(Int64($0.timeIntervalSince1970.rounded(.down))) } ?? "0"
    }
}
