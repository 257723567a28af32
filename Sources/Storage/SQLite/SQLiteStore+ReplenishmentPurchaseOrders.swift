import Foundation
import GRDB

/// Purchase-order drafts in `purchase_orders` and `purchase_order_lines` (v4). They belong to
/// the shop, not to the plan that drafted them, so plan retention leaves them alone.
extension SQLiteStore {
    public func purchaseOrders(shopID: Int64, statuses: [PurchaseOrderStatus]) async throws -> [PurchaseOrderDraft] {
        var clause = "o.shop_id = ?"
        var arguments: StatementArguments = [shopID]
        if !statuses.isEmpty {
            clause += " AND o.status IN (\(Array(repeating: "?", count: statuses.count).joined(separator: ", ")))"
            arguments += StatementArguments(statuses.map(\.rawValue))
        }
        let (filter, filterArguments) = (clause, arguments)
        return try await writer.read { db in try Self.fetchPurchaseOrders(db, where: filter, filterArguments) }
    }

    public func purchaseOrder(shopID: Int64, id: Int64) async throws -> PurchaseOrderDraft? {
        try await writer.read { db in try Self.fetchPurchaseOrder(db, shopID: shopID, id: id) }
    }

    public func updatePurchaseOrderLine(
        shopID: Int64, orderID: Int64, variantID: Int64, locationID: Int64, quantity: Int
    ) async throws -> PurchaseOrderDraft {
        guard quantity >= 0 else { throw PurchaseOrderError.invalidQuantity(quantity) }
        return try await writer.write { db in
            let order = try Self.editableOrder(db, shopID: shopID, id: orderID)
            let key: StatementArguments = [shopID, orderID, variantID, locationID]
            let sql = quantity == 0
                ? "DELETE FROM purchase_order_lines WHERE shop_id = ? AND order_id = ? AND variant_id = ? AND location_id = ?"
                : "UPDATE purchase_order_lines SET quantity = ? WHERE shop_id = ? AND order_id = ? AND variant_id = ? AND location_id = ?"
            try db.execute(sql: sql, arguments: quantity == 0 ? key : [quantity] + key)
            guard db.changesCount > 0 else {
                throw PurchaseOrderError.lineNotFound(orderID: orderID, variantID: variantID, locationID: locationID)
            }
            // `edited_at` marks the order as touched by a person: a newer plan will not supersede it.
            let now = Date().storageMilliseconds
            try db.execute(sql: "UPDATE purchase_orders SET updated_at = ?, edited_at = ? WHERE shop_id = ? AND id = ?",
                           arguments: [now, now, shopID, order.id])
            return try Self.fetchPurchaseOrder(db, shopID: shopID, id: orderID) ?? order
        }
    }

    public func setPurchaseOrderStatus(
        shopID: Int64, orderID: Int64, status: PurchaseOrderStatus, expectedArrivalDay: String?
    ) async throws -> PurchaseOrderDraft {
        try await writer.write { db in
            guard let order = try Self.fetchPurchaseOrder(db, shopID: shopID, id: orderID) else {
                throw PurchaseOrderError.notFound(id: orderID)
            }
            guard order.status.canMove(to: status) else {
                throw PurchaseOrderError.invalidTransition(id: orderID, from: order.status, to: status)
            }
            // A nil arrival day keeps the one the order has.
            try db.execute(sql: """
                UPDATE purchase_orders SET status = ?, updated_at = ?, expected_arrival_day = coalesce(?, expected_arrival_day)
                WHERE shop_id = ? AND id = ?
                """, arguments: [status.rawValue, Date().storageMilliseconds, expectedArrivalDay, shopID, orderID])
            return try Self.fetchPurchaseOrder(db, shopID: shopID, id: orderID) ?? order
        }
    }

    /// The order if it exists and is a draft; else the `PurchaseOrderError` that says why not.
    static func editableOrder(_ db: Database, shopID: Int64, id: Int64) throws -> PurchaseOrderDraft {
        guard let order = try fetchPurchaseOrder(db, shopID: shopID, id: id) else { throw PurchaseOrderError.notFound(id: id) }
        guard order.status == .draft else { throw PurchaseOrderError.notEditable(id: id, status: order.status) }
        return order
    }

    /// Inserts an order and its lines in the given order; returns the assigned id.
    static func insertPurchaseOrder(_ db: Database, _ order: PurchaseOrderDraft) throws -> Int64 {
        let id = try Int64.fetchOne(db, sql: """
            INSERT INTO purchase_orders (shop_id, plan_run_id, vendor, status, created_at, updated_at, expected_arrival_day, currency)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, arguments: [
                order.shopID, order.planRunID, order.vendor, order.status.rawValue, order.createdAt.storageMilliseconds,
                order.updatedAt.storageMilliseconds, order.expectedArrivalDay, order.currency,
            ]) ?? 0
        let statement = try db.cachedStatement(sql: """
            INSERT INTO purchase_order_lines (shop_id, order_id, variant_id, location_id, position, sku, title, quantity,
                suggested_quantity, unit_cost_minor, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, line) in order.lines.enumerated() {
            try statement.execute(arguments: [
                order.shopID, id, line.variantID, line.locationID, position, line.sku, line.title, line.quantity,
                line.suggestedQuantity, line.unitCostMinor, line.reason,
            ])
        }
        return id
    }

    static func fetchPurchaseOrder(_ db: Database, shopID: Int64, id: Int64) throws -> PurchaseOrderDraft? {
        try fetchPurchaseOrders(db, where: "o.shop_id = ? AND o.id = ?", [shopID, id]).first
    }

    /// Orders matching a WHERE clause on `purchase_orders o`, newest first, each with its lines:
    /// two queries, whatever the number of orders.
    static func fetchPurchaseOrders(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [PurchaseOrderDraft] {
        var orders = try Row.fetchAll(db, sql: """
            SELECT o.id, o.shop_id, o.plan_run_id, o.vendor, o.status, o.created_at, o.updated_at, o.expected_arrival_day,
                o.currency
            FROM purchase_orders o WHERE \(clause) ORDER BY o.id DESC
            """, arguments: arguments).map { row in
            PurchaseOrderDraft(
                id: row[0], shopID: row[1], planRunID: row[2], vendor: row[3],
                status: PurchaseOrderStatus(rawValue: row[4]) ?? .cancelled,
                createdAt: Date(storageMilliseconds: row[5]), updatedAt: Date(storageMilliseconds: row[6]),
                expectedArrivalDay: row[7], currency: row[8], lines: [])
        }
        guard !orders.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: orders.enumerated().map { ($1.id, $0) })
        let lines = try Row.fetchCursor(db, sql: """
            SELECT l.order_id, l.variant_id, l.location_id, l.sku, l.title, l.quantity, l.suggested_quantity,
                l.unit_cost_minor, l.reason
            FROM purchase_order_lines l JOIN purchase_orders o ON o.shop_id = l.shop_id AND o.id = l.order_id
            WHERE \(clause) ORDER BY l.order_id, l.position
            """, arguments: arguments)
        while let row = try lines.next() {
            guard let i = index[row[0]] else { continue }
            orders[i].lines.append(PurchaseOrderLine(
                variantID: row[1], locationID: row[2], sku: row[3], title: row[4], quantity: row[5],
                suggestedQuantity: row[6], unitCostMinor: row[7], reason: row[8]))
        }
        return orders
    }
}
