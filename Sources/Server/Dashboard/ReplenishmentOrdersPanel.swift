import Commerce
import Foundation
import Storage

/// The lower half of the replenishment page: open purchase orders grouped by vendor, with
/// plain HTML forms to approve, cancel or change a quantity, and the transfer suggestions.
struct ReplenishmentOrdersPanel {
    var base: String
    var currency: String
    /// Open orders (draft, approved, ordered).
    var orders: [PurchaseOrderDraft]
    var transfers: [TransferSuggestion]
    var locationNames: [Int64: String]
    var variantNames: [Int64: String]

    func render() -> String {
        ordersSection() + transfersSection()
    }

    private func ordersSection() -> String {
        guard !orders.isEmpty else {
            return "<section class=\"panel\"><h2>Purchase orders</h2><p class=\"empty\">No open purchase orders: the plan suggests nothing to buy, or every draft was cancelled.</p></section>"
        }
        let byVendor = Dictionary(grouping: orders, by: \.vendor).sorted { $0.key.localizedCaseInsensitiveCompare($1.key) == .orderedAscending }
        var html = "<section class=\"panel\"><h2>Purchase orders <small>grouped by vendor · drafts can be edited, then approved and marked ordered</small></h2>"
        for (vendor, group) in byVendor {
            let cost = group.reduce(Int64(0)) { $0 + $1.totalCostMinor }
            html += "<h3>\(HTML.escape(vendor.isEmpty ? "No vendor" : vendor)) <small>\(group.count) order\(group.count == 1 ? "" : "s") · "
            html += "\(HTML.escape(ReplenishmentDashboardPage.exact(cost, currency: currency)))</small></h3>"
            for order in group.sorted(by: { $0.id > $1.id }) { html += orderBlock(order) }
        }
        return html + "</section>"
    }

    private func orderBlock(_ order: PurchaseOrderDraft) -> String {
        let path = "\(base)/purchase-orders/\(order.id)"
        let code = order.currency.isEmpty ? currency : order.currency
        var actions = ""
        for (status, label) in [(PurchaseOrderStatus.approved, "Approve"), (.ordered, "Mark ordered"), (.received, "Mark received"),
                                (.draft, "Back to draft"), (.cancelled, "Cancel")] where order.status.canMove(to: status) {
            actions += "<form class=\"inline\" method=\"post\" action=\"\(HTML.escape(path))/status\"><input type=\"hidden\" name=\"status\" value=\"\(status.rawValue)\">"
            actions += "<button type=\"submit\">\(label)</button></form> "
        }
        let arrival = order.expectedArrivalDay.map { " · expected \(HTML.escape($0))" } ?? ""
        var html = """
        <div class="po" id="po-\(order.id)"><h4>PO \(order.id) <span class="badge b-\(order.status.rawValue)">\(order.status.rawValue)</span> \
        <small>\(order.lines.count) line\(order.lines.count == 1 ? "" : "s") · \(order.totalUnits) units · \(HTML.escape(ReplenishmentDashboardPage.exact(order.totalCostMinor, currency: code)))\(arrival)</small></h4>
        <p>\(actions)<a href="\(HTML.escape(path)).csv">Download CSV</a></p>
        <table><thead><tr><th>SKU</th><th>Item</th><th>Location</th><th class="num">Suggested</th><th class="num">Quantity</th>\
        <th class="num">Unit cost</th><th class="num">Line total</th><th>Reason</th></tr></thead><tbody>
        """
        for line in order.lines {
            let location = locationNames[line.locationID] ?? "Location \(line.locationID)"
            let quantity: String
            if order.status == .draft {
                quantity = """
                <form class="inline" method="post" action="\(HTML.escape(path))/lines"><input type="hidden" name="variant_id" value="\(line.variantID)">\
                <input type="hidden" name="location_id" value="\(line.locationID)"><input type="number" name="quantity" min="0" value="\(line.quantity)">\
                <button type="submit">Save</button></form>
                """
            } else {
                quantity = String(line.quantity)
            }
            html += "<tr><td>\(HTML.escape(line.sku ?? "—"))</td><td>\(HTML.escape(Self.plainTitle(line.title)))\(line.isEdited ? " <small>edited</small>" : "")</td>"
            html += "<td>\(HTML.escape(location))</td><td class=\"num\">\(line.suggestedQuantity)</td><td class=\"num\">\(quantity)</td>"
            html += "<td class=\"num\">\(HTML.escape(ReplenishmentDashboardPage.exact(line.unitCostMinor, currency: code)))</td>"
            html += "<td class=\"num\">\(HTML.escape(ReplenishmentDashboardPage.exact(Int64(line.quantity) * line.unitCostMinor, currency: code)))</td>"
            html += "<td class=\"why\">\(HTML.escape(line.reason))</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    private func transfersSection() -> String {
        guard !transfers.isEmpty else { return "" }
        var rows = ""
        for transfer in transfers {
            rows += "<tr><td>\(HTML.escape(variantNames[transfer.variantID] ?? "Variant \(transfer.variantID)"))</td>"
            rows += "<td>\(HTML.escape(location(transfer.fromLocationID)))</td><td>\(HTML.escape(location(transfer.toLocationID)))</td>"
            rows += "<td class=\"num\">\(transfer.quantity)</td><td class=\"why\">\(HTML.escape(transfer.reason))</td></tr>"
        }
        return """
        <section class="panel"><h2>Transfer suggestions <small>move surplus between locations instead of buying</small></h2>
        <table><thead><tr><th>Item</th><th>From</th><th>To</th><th class="num">Units</th><th>Reason</th></tr></thead><tbody>\(rows)</tbody></table>
        <p class="hint">JSON: <code>GET /api/v1/replenishment/transfers</code>.</p></section>
        """
    }

    /// Shopify calls a product's only variant "Default Title"; a merchant reads just the product.
    static func plainTitle(_ title: String) -> String {
        title.hasSuffix(" · Default Title") ? String(title.dropLast(" · Default Title".count)) : title
    }

    private func location(_ id: Int64) -> String {
        locationNames[id] ?? (id == Location.onlineID ? "Online Store" : "Location \(id)")
    }
}
