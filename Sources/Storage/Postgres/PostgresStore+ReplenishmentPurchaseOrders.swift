import Foundation
import Logging
import PostgresNIO

/// Purchase-order drafts in `purchase_orders` and `purchase_order_lines`, as
/// `SQLiteStore+ReplenishmentPurchaseOrders.swift` keeps them. Edits and status moves lock the
/// order row (`FOR UPDATE`) for their transaction, so two replicas acting on one order apply one
/// after the other and each checks the state the other left.
extension PostgresStore {
    public func purchaseOrders(shopID: Int64, statuses: [PurchaseOrderStatus]) async throws -> [PurchaseOrderDraft] {
        let logger = logger
        return try await forecastSnapshotRead { connection in
            try await Self.fetchPurchaseOrders(connection, shopID: shopID, id: nil, statuses: statuses.map(\.rawValue), logger: logger)
        }
    }

    public func purchaseOrder(shopID: Int64, id: Int64) async throws -> PurchaseOrderDraft? {
        let logger = logger
        return try await forecastSnapshotRead { connection in
            try await Self.fetchPurchaseOrders(connection, shopID: shopID, id: id, statuses: [], logger: logger).first
        }
    }

    public func updatePurchaseOrderLine(
        shopID: Int64, orderID: Int64, variantID: Int64, locationID: Int64, quantity: Int
    ) async throws -> PurchaseOrderDraft {
        guard quantity >= 0 else { throw PurchaseOrderError.invalidQuantity(quantity) }
        let logger = logger
        return try await transaction { connection in
            let order = try await Self.lockedPurchaseOrder(connection, shopID: shopID, id: orderID, logger: logger)
            guard order.status == .draft else { throw PurchaseOrderError.notEditable(id: orderID, status: order.status) }
            let change: PostgresQuery = quantity == 0
                ? """
                    DELETE FROM purchase_order_lines
                    WHERE shop_id = \(shopID) AND order_id = \(orderID) AND variant_id = \(variantID) AND location_id = \(locationID)
                    RETURNING order_id
                    """
                : """
                    UPDATE purchase_order_lines SET quantity = \(quantity)
                    WHERE shop_id = \(shopID) AND order_id = \(orderID) AND variant_id = \(variantID) AND location_id = \(locationID)
                    RETURNING order_id
                    """
            let changed = try await connection.rows(change, logger: logger)
            guard !changed.isEmpty else {
                throw PurchaseOrderError.lineNotFound(orderID: orderID, variantID: variantID, locationID: locationID)
            }
            // `edited_at` marks the order as touched by a person: a newer plan will not supersede it.
            let now = Date().storageMilliseconds
            try await connection.execute("""
                UPDATE purchase_orders SET updated_at = \(now), edited_at = \(now) WHERE shop_id = \(shopID) AND id = \(orderID)
                """, logger: logger)
            return try await Self.fetchPurchaseOrders(connection, shopID: shopID, id: orderID, statuses: [], logger: logger).first ?? order
        }
    }

    public func setPurchaseOrderStatus(
        shopID: Int64, orderID: Int64, status: PurchaseOrderStatus, expectedArrivalDay: String?
    ) async throws -> PurchaseOrderDraft {
        let logger = logger
        return try await transaction { connection in
            let order = try await Self.lockedPurchaseOrder(connection, shopID: shopID, id: orderID, logger: logger)
            guard order.status.canMove(to: status) else {
                throw PurchaseOrderError.invalidTransition(id: orderID, from: order.status, to: status)
            }
            // A nil arrival day keeps the one the order has.
            try await connection.execute("""
                UPDATE purchase_orders SET status = \(status.rawValue), updated_at = \(Date().storageMilliseconds),
                    expected_arrival_day = coalesce(\(expectedArrivalDay), expected_arrival_day)
                WHERE shop_id = \(shopID) AND id = \(orderID)
                """, logger: logger)
            return try await Self.fetchPurchaseOrders(connection, shopID: shopID, id: orderID, statuses: [], logger: logger).first ?? order
        }
    }

    /// The order, its row locked until the transaction ends (a concurrent edit, status move or
    /// plan's superseding waits), or `PurchaseOrderError.notFound`.
    static func lockedPurchaseOrder(
        _ connection: PostgresConnection, shopID: Int64, id: Int64, logger: Logger
    ) async throws -> PurchaseOrderDraft {
        let locked = try await connection.rows("""
            SELECT id FROM purchase_orders WHERE shop_id = \(shopID) AND id = \(id) FOR UPDATE
            """, logger: logger)
        guard !locked.isEmpty,
              let order = try await fetchPurchaseOrders(connection, shopID: shopID, id: id, statuses: [], logger: logger).first
        else { throw PurchaseOrderError.notFound(id: id) }
        return order
    }

    /// Inserts orders and their lines (lines in the given order); returns the assigned ids, in
    /// the orders' order. Ids come from the identity's sequence first, ascending, so a later
    /// draft always has the larger id (lists are newest first), then two `UNNEST` inserts.
    static func insertPurchaseOrders(
        _ connection: PostgresConnection, _ orders: [PurchaseOrderDraft], logger: Logger
    ) async throws -> [Int64] {
        guard !orders.isEmpty else { return [] }
        let ids = try await connection.rows("""
            SELECT nextval(pg_get_serial_sequence('purchase_orders', 'id')) FROM generate_series(1, \(orders.count))
            """, logger: logger).map { try $0.decode(Int64.self) }.sorted()
        guard ids.count == orders.count else { throw PostgresStoreError("purchase_orders: \(ids.count) ids for \(orders.count) orders") }
        try await connection.execute("""
            INSERT INTO purchase_orders (id, shop_id, plan_run_id, vendor, status, created_at, updated_at, expected_arrival_day, currency)
            SELECT * FROM UNNEST(\(ids), \(orders.map(\.shopID)), \(orders.map(\.planRunID)), \(orders.map(\.vendor)),
                \(orders.map(\.status.rawValue)), \(orders.map(\.createdAt.storageMilliseconds)),
                \(orders.map(\.updatedAt.storageMilliseconds)), \(NullableArrayBind(orders.map(\.expectedArrivalDay))),
                \(orders.map(\.currency)))
            """, logger: logger)
        var shopIDs: [Int64] = [], orderIDs: [Int64] = [], variants: [Int64] = [], locations: [Int64] = []
        var positions: [Int] = [], skus: [String?] = [], titles: [String] = [], quantities: [Int] = []
        var suggested: [Int] = [], costs: [Int64] = [], reasons: [String] = []
        for (order, id) in zip(orders, ids) {
            for (position, line) in order.lines.enumerated() {
                shopIDs.append(order.shopID); orderIDs.append(id); variants.append(line.variantID)
                locations.append(line.locationID); positions.append(position); skus.append(line.sku)
                titles.append(line.title); quantities.append(line.quantity); suggested.append(line.suggestedQuantity)
                costs.append(line.unitCostMinor); reasons.append(line.reason)
            }
        }
        if !orderIDs.isEmpty {
            try await connection.execute("""
                INSERT INTO purchase_order_lines (shop_id, order_id, variant_id, location_id, position, sku, title, quantity,
                    suggested_quantity, unit_cost_minor, reason)
                SELECT * FROM UNNEST(\(shopIDs), \(orderIDs), \(variants), \(locations), \(positions), \(NullableArrayBind(skus)),
                    \(titles), \(quantities), \(suggested), \(costs), \(reasons))
                """, logger: logger)
        }
        return ids
    }

    /// The shop's orders (one order when `id` is set; only `statuses` unless empty), newest
    /// first, each with its lines: two queries, whatever the number of orders.
    static func fetchPurchaseOrders(
        _ connection: PostgresConnection, shopID: Int64, id: Int64?, statuses: [String], logger: Logger
    ) async throws -> [PurchaseOrderDraft] {
        var orders = try await connection.rows("""
            SELECT o.id, o.shop_id, o.plan_run_id, o.vendor, o.status, o.created_at, o.updated_at, o.expected_arrival_day, o.currency
            FROM purchase_orders o
            WHERE o.shop_id = \(shopID) AND (\(id)::bigint IS NULL OR o.id = \(id))
              AND (cardinality(\(statuses)::text[]) = 0 OR o.status = ANY(\(statuses)))
            ORDER BY o.id DESC
            """, logger: logger).map { row in
            let (id, shop, plan, vendor, status, created, updated, arrival, currency) =
                try row.decode((Int64, Int64, Int64, String, String, Int64, Int64, String?, String).self)
            return PurchaseOrderDraft(
                id: id, shopID: shop, planRunID: plan, vendor: vendor, status: PurchaseOrderStatus(rawValue: status) ?? .cancelled,
                createdAt: Date(storageMilliseconds: created), updatedAt: Date(storageMilliseconds: updated),
                expectedArrivalDay: arrival, currency: currency, lines: [])
        }
        guard !orders.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: orders.enumerated().map { ($1.id, $0) })
        for row in try await connection.rows("""
            SELECT l.order_id, l.variant_id, l.location_id, l.sku, l.title, l.quantity, l.suggested_quantity, l.unit_cost_minor, l.reason
            FROM purchase_order_lines l
            WHERE l.shop_id = \(shopID) AND l.order_id = ANY(\(orders.map(\.id)))
            ORDER BY l.order_id, l.position
            """, logger: logger) {
            let (orderID, variant, location, sku, title, quantity, suggested, cost, reason) =
                try row.decode((Int64, Int64, Int64, String?, String, Int, Int, Int64, String).self)
            guard let i = index[orderID] else { continue }
            orders[i].lines.append(PurchaseOrderLine(
                variantID: variant, locationID: location, sku: sku, title: title, quantity: quantity,
                suggestedQuantity: suggested, unitCostMinor: cost, reason: reason))
        }
        return orders
    }
}
