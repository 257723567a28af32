import Commerce
import Foundation
import Pipeline
import Recommendations
import Storage

/// The dashboard's recommendations page, `/dashboard/<domain>/recommendations`: the latest model
/// version (what it read, how long it took), the logged responses, a product search and a page of
/// products, best sellers first, with their top bought-together items and the merchant's pins and
/// blocks on each.
struct RecommendationsDashboardPage {
    var record: ShopRecord
    var overview: RecommendationOverview
    var search: String?
    var limit: Int
    var offset: Int

    var base: String { "/dashboard/\(record.shop.domain)" }

    func render() -> String {
        let shop = record.shop
        let home = HTML.escape(base)
        var html = DashboardPage.sectionHead(title: "Recommendations · \(shop.name)", shop: shop, style: Self.style, home: home)
        if let run = overview.latestRun {
            html += """
            <section class="cards">
            \(Self.card("Model version", run.version, "\(run.kind) build of \(Self.timestamp(run.createdAt, timeZone: shop.timeZone))"))
            \(Self.card("Orders read", MoneyFormat.grouped(Int64(run.orders)), "baskets with at least one product"))
            \(Self.card("Products", MoneyFormat.grouped(Int64(run.products)), "with recommendation lists"))
            \(Self.card("Pairs stored", MoneyFormat.grouped(Int64(run.pairs)), "neighbours over every list"))
            \(Self.card("Build time", Self.duration(run.durationMs), "reading, counting and saving"))
            \(Self.card("Responses logged", MoneyFormat.grouped(Int64(overview.loggedResponses)), "API and storefront answers kept for lift"))
            </section>
            """
        } else {
            html += """
            <section class="panel"><h2>No recommendation model yet</h2><p>Build one with
            <code>storewise recommend build --shop \(HTML.escape(shop.domain))</code>; until then the storefront gets best sellers.</p></section>
            """
        }
        html += globalRulesPanel()
        html += productsPanel()
        html += "</main><footer>Storewise · recommendations\(overview.latestRun.map { " model \(HTML.escape($0.version))" } ?? "")</footer></body></html>"
        return html
    }

    /// Pins and blocks that apply to every product page.
    private func globalRulesPanel() -> String {
        guard !overview.globalRules.isEmpty else { return "" }
        var items = ""
        for rule in overview.globalRules {
            items += "<li>\(rule.action == .pin ? "Pinned" : "Blocked") product \(rule.targetID)"
            if rule.action == .pin { items += " at position \(rule.position + 1)" }
            if let note = rule.note { items += " <small>\(HTML.escape(note))</small>" }
            items += "</li>"
        }
        return "<section class=\"panel\"><h2>On every product page <small>merchant rules</small></h2><ul>\(items)</ul></section>"
    }

    private func productsPanel() -> String {
        let searchValue = HTML.escape(search ?? "")
        var rows = ""
        for row in overview.rows {
            let product = row.product
            let link = HTML.escape("\(base)/recommendations/products/\(product.productID)")
            let together = row.topBoughtTogether.isEmpty ? "<span class=\"empty\">—</span>"
                : row.topBoughtTogether.map(HTML.escape).joined(separator: " · ")
            let lists = Self.listKinds.map { String(row.listSizes[$0.rawValue] ?? 0) }.joined(separator: " / ")
            let stock = product.available.map { $0 > 0 ? "\($0)" : "<span class=\"out\">sold out</span>" } ?? "not tracked"
            rows += "<tr><td><a href=\"\(link)\">\(HTML.escape(product.title))</a><small>\(HTML.escape(product.productType ?? ""))</small></td>"
            rows += "<td>\(together)</td><td class=\"num\">\(lists)</td><td class=\"num\">\(stock)</td>"
            rows += "<td class=\"num\">\(row.pins) / \(row.blocks)</td></tr>"
        }
        if overview.rows.isEmpty {
            rows = "<tr><td colspan=\"5\" class=\"empty\">\(search == nil ? "No products yet." : "No product matches “\(searchValue)”.")</td></tr>"
        }
        let shown = overview.rows.isEmpty ? "0" : "\(offset + 1)–\(offset + overview.rows.count)"
        var pager = ""
        let query = search.map { "&search=\(Self.formEncode($0))" } ?? ""
        if offset > 0 {
            pager += "<a href=\"\(HTML.escape("\(base)/recommendations?offset=\(max(0, offset - limit))\(query)"))\">Previous</a> "
        }
        if offset + overview.rows.count < overview.total {
            pager += "<a href=\"\(HTML.escape("\(base)/recommendations?offset=\(offset + limit)\(query)"))\">Next</a>"
        }
        return """
        <section class="panel"><h2>Products <small>\(shown) of \(overview.total), best sellers first</small></h2>
        <form method="get" action="\(HTML.escape(base))/recommendations" class="search"><input type="search" name="search" value="\(searchValue)" \
        placeholder="Title, product type or id"> <button type="submit">Search</button></form>
        <table class="recs"><thead><tr><th>Product</th><th>Top bought together</th><th class="num">Together / also bought / look</th>\
        <th class="num">In stock</th><th class="num">Pins / blocks</th></tr></thead><tbody>\(rows)</tbody></table>
        <p class="hint">\(pager) API: <code>GET /api/v1/recommendations/products/&lt;id&gt;</code> ·
        storefront: <code>/apps/storewise/recommendations?product_id=&lt;id&gt;</code> through the App Proxy.</p></section>
        """
    }

    /// The precomputed lists, in the order the pages show them.
    static let listKinds: [SignalKind] = [.boughtTogether, .alsoBought, .completeTheLook]

    static func card(_ title: String, _ value: String, _ note: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(HTML.escape(title))</div><div class=\"value\">\(HTML.escape(value))</div><div class=\"note\">\(HTML.escape(note))</div></div>"
    }

    /// "412 ms", "3.4 s", "2 min 5 s".
    static func duration(_ ms: Int) -> String {
        switch ms {
        case ..<1000: "\(ms) ms"
        case ..<60_000: "\(ms / 1000).\(ms % 1000 / 100) s"
        default: "\(ms / 60_000) min \(ms % 60_000 / 1000) s"
        }
    }

    /// "2024-02-15 18:00" in the shop's time zone, from seconds since 1970.
    static func timestamp(_ seconds: Int64, timeZone: String) -> String {
        CustomersDashboardPage.timestamp(Date(timeIntervalSince1970: TimeInterval(seconds)), timeZone: timeZone)
    }

    /// A query-string value: letters, digits and `-._~` kept, the rest percent-encoded.
    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static let style = """
    .recs td small{display:block;margin-left:0}.out{color:#a33}.search{margin:0 0 12px}.search input{padding:5px 8px;min-width:260px;\
    border:1px solid var(--line);border-radius:6px}.search button,.rule button{padding:5px 12px;border:1px solid var(--accent);background:#fff;\
    color:var(--accent);border-radius:6px;cursor:pointer}.rule{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:8px 0}\
    .rule input,.rule select{padding:4px 6px;border:1px solid var(--line);border-radius:6px}.muted{color:var(--muted)}\
    td.reason{color:var(--muted);font-size:13px}tr.hidden td{opacity:.55}
    """
}
