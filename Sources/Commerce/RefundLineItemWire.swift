/// One entry of a refund's `refund_line_items`, with the refunded order line embedded.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct RefundLineItemWire: Codable, Hashable, Sendable {
    var id: WireID
    var line_item_id: WireID
    var quantity: Int
    var restock_type: String?
    var location_id: WireID?
    var subtotal: WireAmount?
    var subtotal_set: MoneySetWire?
    var line_item: EmbeddedLineWire?

    /// The embedded `line_item`; Storewise reads only its variant.
    struct EmbeddedLineWire: Codable, Hashable, Sendable {
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
