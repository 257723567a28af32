import Commerce
import Foundation
import Storage

/// The dashboard's replenishment page: the latest plan's headline figures, the stock table
/// merchants know from Stocky and Inventory Planner (sortable, filterable, paged on the
/// server), then purchase-order drafts by vendor and transfer suggestions.
struct ReplenishmentDashboardPage {
    /// Lines of the latest plan per stock status, for the cards.
    struct Counts: Sendable {
        var outOfStock = 0
        var atRisk = 0
        var overstock = 0
    }

    var record: ShopRecord
    /// nil when the shop has no plan yet.
    var plan: ReplenishmentPlanRun?
    var query: ReplenishmentLineQuery
    var lines: [ReplenishmentLine]
    /// Lines matching the filter before paging.
    var total: Int
    var counts: Counts
    var orders: [PurchaseOrderDraft]
    var transfers: [TransferSuggestion]
    var locationNames: [Int64: String]
    var variantNames: [Int64: String]

    var base: String { "/dashboard/\(record.shop.domain)" }
    var currency: String { record.shop.currency }

    func render() -> String {
        let shop = record.shop
        let home = HTML.escape(base)
        var html = DashboardPage.sectionHead(title: "Replenishment · \(shop.name)", shop: shop, style: Self.style, home: home)
        guard let plan else {
            html += """
            <section class="panel"><h2>No replenishment plan yet</h2><p>Make one with
            <code>storewise replenish plan --shop \(HTML.escape(shop.domain))</code> after a forecast run
            (<code>storewise forecast --shop \(HTML.escape(shop.domain))</code>), then reload this page.</p></section></main></body></html>
            """
            return html
        }
        html += cards(plan)
        html += tablePanel(plan)
        html += ReplenishmentOrdersPanel(base: base, currency: currency, orders: orders, transfers: transfers,
                                         locationNames: locationNames, variantNames: variantNames).render()
        html += "</main><footer>Storewise · replenishment plan \(plan.id) as of \(HTML.escape(plan.asOfDay)) · forecast run \(plan.forecastRunID)</footer></body></html>"
        return html
    }

    /// Headline figures: counts from the lines, money from the plan's metrics when it recorded them.
    private func cards(_ plan: ReplenishmentPlanRun) -> String {
        func money(_ name: String) -> String? { plan.metrics[name].map { MoneyFormat.whole(Int64($0.rounded()), currency: currency) } }
        let overstockValue = ["overstock_value_minor", "dead_stock_value_minor"].compactMap { plan.metrics[$0] }
        let overstockText = overstockValue.isEmpty ? "—" : MoneyFormat.whole(Int64(overstockValue.reduce(0, +).rounded()), currency: currency)
        return """
        <section class="cards">
        \(card("Lines planned", MoneyFormat.grouped(Int64(plan.lineCount)), "variant × location, as of \(plan.asOfDay)"))
        \(card("To order now", MoneyFormat.grouped(Int64(plan.orderLineCount)), money("order_value_minor").map { "worth \($0) at cost" } ?? "lines with a suggested order"))
        \(card("Out of stock", MoneyFormat.grouped(Int64(counts.outOfStock)), "lines with nothing available"))
        \(card("At risk", MoneyFormat.grouped(Int64(counts.atRisk)), "likely to run out before the next order arrives"))
        \(card("Lost revenue / day", money("lost_revenue_per_day_minor") ?? "—", "from items out of stock"))
        \(card("Overstock & dead stock", overstockText, "\(counts.overstock) line\(counts.overstock == 1 ? "" : "s"), value at cost"))
        </section>
        """
    }

    private func tablePanel(_ plan: ReplenishmentPlanRun) -> String {
        var rows = ""
        for line in lines {
            let item = line.variantTitle.isEmpty || line.variantTitle == "Default Title" ? line.productTitle : "\(line.productTitle) · \(line.variantTitle)"
            let location = line.locationName ?? locationNames[line.locationID] ?? "Location \(line.locationID)"
            rows += "<tr title=\"\(HTML.escape(line.reason))\"><td>\(HTML.escape(line.sku ?? "—"))</td>"
            rows += "<td>\(HTML.escape(item))<div class=\"why\">\(HTML.escape(line.reason))</div></td><td>\(HTML.escape(location))</td>"
            rows += "<td class=\"num\">\(line.onHand)</td><td class=\"num\">\(line.onOrder)</td>"
            rows += "<td class=\"num\">\(String(format: "%.2f", line.velocity))</td>"
            rows += "<td class=\"num\">\(line.daysOfCover.map { String(format: "%.0f", $0) } ?? "—")</td>"
            rows += "<td class=\"num\">\(line.reorderPoint)</td><td class=\"num\"><strong>\(line.suggestedQuantity)</strong></td>"
            rows += "<td>\(HTML.escape(line.replenishBy ?? "—"))</td>"
            rows += "<td class=\"num\">\(line.lostRevenuePerDayMinor > 0 ? HTML.escape(Self.exact(line.lostRevenuePerDayMinor, currency: currency)) : "—")</td>"
            rows += "<td>\(Self.badge(line.status))</td><td>\(HTML.escape(line.abcClass + line.xyzClass))</td></tr>"
        }
        if lines.isEmpty {
            rows = "<tr><td colspan=\"13\" class=\"empty\">No lines match this filter.</td></tr>"
        }
        let headers = """
        <tr>\(header("SKU", .sku))\(header("Product / variant", .product))\(header("Location", .location))\
        \(header("On hand", .onHand, numeric: true))\(header("On order", .onOrder, numeric: true))\
        \(header("Velocity /day", .velocity, numeric: true))\(header("Days of cover", .daysOfCover, numeric: true))\
        \(header("Reorder point", .reorderPoint, numeric: true))\(header("Suggested qty", .suggestedQuantity, numeric: true))\
        \(header("Replenish by", .replenishBy))\(header("Lost revenue /day", .lostRevenue, numeric: true))\
        \(header("Status", .status))<th>ABC/XYZ</th></tr>
        """
        let first = total == 0 ? 0 : query.offset + 1
        let last = query.offset + lines.count
        return """
        <section class="panel"><h2>Stock health <small>\(first)–\(last) of \(MoneyFormat.grouped(Int64(total))) lines · click a column to sort · hover a row for the reason</small></h2>
        \(filterForm())
        <div class="scroll"><table class="stock"><thead>\(headers)</thead><tbody>\(rows)</tbody></table></div>
        \(pager())
        <p class="hint">JSON: <code>GET /api/v1/replenishment?status=&amp;vendor=&amp;to_order=true&amp;sort=&amp;order=</code>,
        <code>/api/v1/purchase-orders</code>, <code>/api/v1/replenishment/settings</code>.</p></section>
        """
    }

    /// A column header linking to the table sorted by it: the current column flips its direction,
    /// a new one starts where merchants expect (names and days ascending, amounts descending).
    private func header(_ title: String, _ key: ReplenishmentLineQuery.SortKey, numeric: Bool = false) -> String {
        var next = query
        next.offset = 0
        let ascendingFirst: Set<ReplenishmentLineQuery.SortKey> = [.sku, .product, .location, .daysOfCover, .replenishBy, .status]
        next.descending = query.sort == key ? !query.descending : !ascendingFirst.contains(key)
        next.sort = key
        let arrow = query.sort == key ? (query.descending ? " ▼" : " ▲") : ""
        return "<th\(numeric ? " class=\"num\"" : "")><a href=\"\(HTML.escape(href(next)))\">\(HTML.escape(title))\(arrow)</a></th>"
    }

    /// The GET form of filters; sort and page size ride along as hidden fields.
    private func filterForm() -> String {
        let current = query.statuses.map(\.rawValue).joined(separator: ",")
        var choices: [(String, String)] = [("", "Any status"), ("out_of_stock,reorder,at_risk", "Needs action")]
        choices += StockStatus.allCases.map { ($0.rawValue, Self.statusLabel($0)) }
        if !current.isEmpty, !choices.contains(where: { $0.0 == current }) { choices.append((current, current)) }
        let statusOptions = choices.map { value, label in
            "<option value=\"\(HTML.escape(value))\"\(value == current ? " selected" : "")>\(HTML.escape(label))</option>"
        }.joined()
        var locationOptions = "<option value=\"\">Any location</option>"
        for (id, name) in locationNames.sorted(by: { $0.value < $1.value }) {
            locationOptions += "<option value=\"\(id)\"\(query.locationID == id ? " selected" : "")>\(HTML.escape(name))</option>"
        }
        return """
        <form class="filters" method="get" action="\(HTML.escape(base))/replenishment">
        <select name="status">\(statusOptions)</select>
        <input name="vendor" placeholder="Vendor" value="\(HTML.escape(query.vendor ?? ""))">
        <select name="location_id">\(locationOptions)</select>
        <input name="q" placeholder="Search SKU or title" value="\(HTML.escape(query.search ?? ""))">
        <label><input type="checkbox" name="to_order" value="true"\(query.onlyToOrder ? " checked" : "")> To order only</label>
        <input type="hidden" name="sort" value="\(query.sort.rawValue)"><input type="hidden" name="order" value="\(query.descending ? "desc" : "asc")">
        <input type="hidden" name="limit" value="\(query.limit)"><button type="submit">Filter</button>
        <a href="\(HTML.escape(base))/replenishment">Reset</a></form>
        """
    }

    private func pager() -> String {
        var links: [String] = []
        if query.offset > 0 {
            var previous = query
            previous.offset = max(0, query.offset - query.limit)
            links.append("<a href=\"\(HTML.escape(href(previous)))\">← Previous</a>")
        }
        if query.offset + lines.count < total {
            var next = query
            next.offset = query.offset + query.limit
            links.append("<a href=\"\(HTML.escape(href(next)))\">Next →</a>")
        }
        return links.isEmpty ? "" : "<p class=\"pager\">\(links.joined(separator: " "))</p>"
    }

    /// The page's URL for a query (not yet HTML-escaped).
    func href(_ q: ReplenishmentLineQuery) -> String {
        var items: [(String, String)] = []
        if !q.statuses.isEmpty { items.append(("status", q.statuses.map(\.rawValue).joined(separator: ","))) }
        if let vendor = q.vendor { items.append(("vendor", vendor)) }
        if let location = q.locationID { items.append(("location_id", String(location))) }
        if let abc = q.abcClass { items.append(("abc", abc)) }
        if let search = q.search { items.append(("q", search)) }
        if q.onlyToOrder { items.append(("to_order", "true")) }
        items.append(("sort", q.sort.rawValue))
        items.append(("order", q.descending ? "desc" : "asc"))
        items.append(("limit", String(q.limit)))
        if q.offset > 0 { items.append(("offset", String(q.offset))) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,")
        let query = items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return "\(base)/replenishment?\(query)"
    }

    static func statusLabel(_ status: StockStatus) -> String {
        switch status {
        case .outOfStock: "Out of stock"
        case .reorder: "Reorder"
        case .atRisk: "At risk"
        case .healthy: "Healthy"
        case .overstock: "Overstock"
        case .deadStock: "Dead stock"
        case .notPlanned: "Not planned"
        }
    }

    static func badge(_ status: StockStatus) -> String {
        "<span class=\"badge b-\(status.rawValue)\">\(statusLabel(status))</span>"
    }

    /// "$12.50": the exact amount with the currency's minor digits.
    static func exact(_ minor: Int64, currency: String) -> String {
        let amount = Money(minorUnits: minor, currency: currency).decimalString
        let symbol = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"][currency]
        return symbol.map { "\($0)\(amount)" } ?? "\(amount) \(currency)"
    }

    private func card(_ title: String, _ value: String, _ note: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(HTML.escape(title))</div><div class=\"value\">\(HTML.escape(value))</div><div class=\"note\">\(HTML.escape(note))</div></div>"
    }

    static let style = """
    main{max-width:1440px}.scroll{overflow-x:auto}table.stock td{white-space:nowrap;font-size:13px;padding:6px 3px}
    table.stock th{font-size:12.5px;padding:6px 3px;vertical-align:bottom}table.stock td:nth-child(2){white-space:normal;min-width:200px}
    th a{color:var(--muted);text-decoration:none}th a:hover{color:var(--ink)}.why{color:var(--muted);font-size:12px;white-space:normal}
    .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#eef0ee}
    .b-out_of_stock{background:#fde2e1;color:#9b1c1c}.b-reorder{background:#fdeccc;color:#8a5a00}.b-at_risk{background:#fff5d6;color:#7a5b00}
    .b-healthy{background:#e3f2e9;color:var(--accent2)}.b-overstock,.b-dead_stock{background:#e6ecf5;color:#2b4a74}
    .b-draft{background:#eef0ee}.b-approved{background:#e3f2e9;color:var(--accent2)}.b-ordered{background:#e6ecf5;color:#2b4a74}
    .filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:12px}.filters input,.filters select{padding:4px 6px}
    .pager a{margin-right:14px;color:var(--accent)}form.inline{display:inline}form.inline input[type=number]{width:70px}
    .po{border-top:1px solid var(--line);padding-top:10px;margin-top:10px}.po h4{margin:0 0 6px;font-size:14px}h3{font-size:15px;margin:14px 0 4px}
    """
}
