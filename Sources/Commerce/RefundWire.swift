/// A Shopify refund: the refunds/create body, or one entry of an order's `refunds`.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct RefundWire: Decodable, Hashable, Sendable {
    var id: WireID
    var admin_graphql_api_id: String?
    var order_id: WireID
    var created_at: String
    var processed_at: String?
    var note: String?
    /// The staff member who issued the refund.
    var user_id: WireID?
    var refund_line_items: [RefundLineItemWire]?
    /// Only successful `refund` entries count toward the amount; the first `location_id` is where.
    var transactions: [TransactionWire]?

    init(_ refund: Refund, context: EncodeContext, presentmentCurrency: String? = nil) {
        id = WireID(refund.id)
        admin_graphql_api_id = EncodeContext.gid("Refund", refund.id)
        order_id = WireID(refund.orderID)
        created_at = context.date(refund.createdAt); processed_at = context.date(refund.processedAt)
        note = refund.note
        user_id = refund.userID.map(WireID.init)
        refund_line_items = refund.lineItems.map { RefundLineItemWire($0, presentmentCurrency: presentmentCurrency) }
        // A refund with a location but no amount still needs a transaction to carry `location_id`;
        // one without an amount adds nothing to the amount read back.
        transactions = refund.amount == nil && refund.locationID == nil ? [] : [
            TransactionWire(kind: "refund", status: "success", amount: refund.amount, locationID: refund.locationID),
        ]
    }

    /// The domain refund; `path` is this refund's JSON path prefix ("" or `refunds[0].`).
    func model(_ context: DecodeContext, path: @autoclosure () -> String = "") throws(PayloadError) -> Refund {
        var lines: [RefundLineItem] = []
        for (index, line) in (refund_line_items ?? []).enumerated() {
            lines.append(try line.model(context, path: path() + "refund_line_items[\(index)]"))
        }
        var amount: Money?
        var locationID: Int64?
        for (index, transaction) in (transactions ?? []).enumerated() {
            if locationID == nil { locationID = transaction.location_id?.value }
            guard transaction.kind == "refund", transaction.status == "success",
                  let money = try transaction.money(context, path: path() + "transactions[\(index)]")
            else { continue }
            amount = Money(minorUnits: (amount?.minorUnits ?? 0) + money.minorUnits, currency: money.currency)
        }
        return Refund(
            id: id.value, orderID: order_id.value,
            createdAt: try context.requiredDate(created_at, path() + "created_at"),
            processedAt: try context.date(processed_at, path() + "processed_at"),
            note: note, lineItems: lines, amount: amount, userID: user_id?.value, locationID: locationID)
    }
}

extension RefundWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.field("order_id", order_id)
        writer.field("created_at", created_at)
        writer.field("processed_at", processed_at)
        writer.field("note", note)
        writer.field("user_id", user_id)
        writer.field("refund_line_items", refund_line_items)
        writer.field("transactions", transactions)
        writer.endObject()
    }
}
