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
    var refund_line_items: [RefundLineItemWire]?
    var transactions: [TransactionWire]?

    /// One entry of `transactions`; only successful `refund` ones count toward the amount.
    struct TransactionWire: Decodable, Hashable, Sendable {
        var kind: String?
        var status: String?
        var amount: WireAmount?
        var amount_set: MoneySetWire?
        var currency: String?
    }

    init(_ refund: Refund, context: EncodeContext, presentmentCurrency: String? = nil) {
        id = WireID(refund.id)
        admin_graphql_api_id = EncodeContext.gid("Refund", refund.id)
        order_id = WireID(refund.orderID)
        created_at = context.date(refund.createdAt); processed_at = context.date(refund.processedAt)
        note = refund.note
        refund_line_items = refund.lineItems.map { RefundLineItemWire($0, presentmentCurrency: presentmentCurrency) }
        transactions = refund.amount.map {
            [TransactionWire(kind: "refund", status: "success", amount: WireAmount($0.decimalString), currency: $0.currency)]
        } ?? []
    }

    /// The domain refund; `path` is this refund's JSON path prefix ("" or `refunds[0].`).
    func model(_ context: DecodeContext, path: @autoclosure () -> String = "") throws(PayloadError) -> Refund {
        var lines: [RefundLineItem] = []
        for (index, line) in (refund_line_items ?? []).enumerated() {
            lines.append(try line.model(context, path: path() + "refund_line_items[\(index)]"))
        }
        var amount: Money?
        for (index, transaction) in (transactions ?? []).enumerated()
        where transaction.kind == "refund" && transaction.status == "success" {
            var local = context
            if let currency = transaction.currency, !currency.isEmpty { local.currency = currency }
            guard let money = try local.money(
                transaction.amount_set, transaction.amount, path() + "transactions[\(index)].amount")
            else { continue }
            amount = Money(minorUnits: (amount?.minorUnits ?? 0) + money.minorUnits, currency: money.currency)
        }
        return Refund(
            id: id.value, orderID: order_id.value,
            createdAt: try context.requiredDate(created_at, path() + "created_at"),
            processedAt: try context.date(processed_at, path() + "processed_at"),
            note: note, lineItems: lines, amount: amount)
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
        writer.field("refund_line_items", refund_line_items)
        writer.field("transactions", transactions)
        writer.endObject()
    }
}

extension RefundWire.TransactionWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("kind", kind)
        writer.field("status", status)
        writer.field("amount", amount)
        writer.field("amount_set", amount_set)
        writer.field("currency", currency)
        writer.endObject()
    }
}
