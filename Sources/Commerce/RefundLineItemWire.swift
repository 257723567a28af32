/// One entry of a refund's `refund_line_items`, with the refunded order line embedded.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct RefundLineItemWire: Decodable, Hashable, Sendable {
    var id: WireID
    var line_item_id: WireID
    var quantity: Int
    var restock_type: String?
    var location_id: WireID?
    var subtotal: WireAmount?
    var subtotal_set: MoneySetWire?
    var line_item: EmbeddedLineWire?

    /// The embedded `line_item`; Storewise reads only its variant.
    struct EmbeddedLineWire: Decodable, Hashable, Sendable {
        var id: WireID?
        var variant_id: WireID?
    }

    init(_ line: RefundLineItem, presentmentCurrency: String?) {
        id = WireID(line.id); line_item_id = WireID(line.lineItemID); quantity = line.quantity
        restock_type = line.restockType; location_id = line.locationID.map(WireID.init)
        subtotal = WireAmount(line.subtotal.decimalString)
        subtotal_set = MoneySetWire(line.subtotal, presentmentCurrency: presentmentCurrency)
        line_item = EmbeddedLineWire(id: line_item_id, variant_id: line.variantID.map(WireID.init))
    }

    func model(_ context: DecodeContext, path: @autoclosure () -> String) throws(PayloadError) -> RefundLineItem {
        RefundLineItem(
            id: id.value, lineItemID: line_item_id.value, variantID: line_item?.variant_id?.value,
            quantity: quantity,
            // Shopify has sent `restock_type` since 2018; older refunds carry only `restock`.
            restockType: restock_type ?? "no_restock", locationID: location_id?.value,
            subtotal: try context.money(subtotal_set, subtotal, path() + ".subtotal") ?? .zero(context.currency))
    }
}

extension RefundLineItemWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("line_item_id", line_item_id)
        writer.field("quantity", quantity)
        writer.field("restock_type", restock_type)
        writer.field("location_id", location_id)
        writer.field("subtotal", subtotal)
        writer.field("subtotal_set", subtotal_set)
        writer.field("line_item", line_item)
        writer.endObject()
    }
}

extension RefundLineItemWire.EmbeddedLineWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("variant_id", variant_id)
        writer.endObject()
    }
}
