import Commerce
import Foundation
import Pipeline
import Storage

/// One product's recommendations on the dashboard, `/dashboard/<domain>/recommendations/products/<id>`:
/// what its product page serves now and why, each precomputed list with its evidence, the
/// merchant's pins and blocks, and forms to pin, block or remove (posted to `…/rules`).
struct ProductRecommendationsPage {
    var record: ShopRecord
    var detail: ProductRecommendationDetail
    /// A refused form's reason, shown above the forms.
    var message: String?

    var base: String { "/dashboard/\(record.shop.domain)" }
    var productPath: String { "\(base)/recommendations/products/\(detail.product.productID)" }

    func render() -> String {
        let shop = record.shop
        let product = detail.product
        let home = HTML.escape(base)
        var html = DashboardPage.sectionHead(title: "\(product.title) · Recommendations", shop: shop,
                                             style: RecommendationsDashboardPage.style, home: home)
        let price = product.priceMinor.map { Money(minorUnits: $0, currency: product.currency ?? shop.currency) }
        let stock = product.available.map { $0 > 0 ? "\($0) in stock" : "sold out" } ?? "stock not tracked"
        var facts = [product.productType, product.vendor].compactMap { $0 }.filter { !$0.isEmpty }
        if let price { facts.append("\(price.decimalString) \(price.currency)") }
        facts.append(stock)
        facts.append("model \(detail.modelVersion)")
        html += """
        <section class="panel"><h2>\(HTML.escape(product.title)) <small>product \(product.productID) · \(HTML.escape(facts.joined(separator: " · ")))</small></h2>
        \(shownTable())</section>
        """
        for list in detail.lists {
            html += listPanel(kind: list.kind, neighbours: list.neighbours)
        }
        html += rulesPanel()
        html += """
        <p class="hint"><a href="\(home)/recommendations">Back to recommendations</a> · JSON:
        <code>GET /api/v1/recommendations/products/\(product.productID)</code></p>
        </main></body></html>
        """
        return html
    }

    /// What `GET …/products/<id>` returns now: rules, stock and the per-type cap applied.
    private func shownTable() -> String {
        guard !detail.shown.isEmpty else {
            return "<p class=\"empty\">Nothing to show: no neighbours, pins or best sellers in stock.</p>"
        }
        var rows = ""
        for item in detail.shown {
            rows += "<tr><td class=\"num\">\(item.position)</td><td>\(HTML.escape(item.title))<small>\(HTML.escape(item.productType ?? ""))</small></td>"
            rows += "<td>\(HTML.escape(Self.signalTitle(item.signal)))</td><td class=\"reason\">\(HTML.escape(item.reason))</td>"
            rows += "<td class=\"num\">\(Self.score(item.score))</td></tr>"
        }
        return """
        <h2>Shown on the product page now</h2>
        <table class="recs shown"><thead><tr><th class="num">#</th><th>Product</th><th>Signal</th><th>Why</th><th class="num">Score</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
    }

    /// One precomputed list; entries that cannot be shown (sold out, blocked) are greyed.
    private func listPanel(kind: String, neighbours: [ExplainedNeighbour]) -> String {
        var rows = ""
        for n in neighbours {
            let target = n.product.productID
            rows += "<tr\(n.servable ? "" : " class=\"hidden\"")><td>\(HTML.escape(n.product.title))<small>\(HTML.escape(n.product.productType ?? ""))</small></td>"
            rows += "<td class=\"reason\">\(HTML.escape(n.reason))\(n.servable ? "" : " · not shown (sold out or blocked)")</td>"
            rows += "<td class=\"num\">\(n.evidence)</td><td class=\"num\">\(Self.score(n.score))</td>"
            rows += "<td>\(form(action: "pin", target: target, label: "Pin"))\(form(action: "block", target: target, label: "Block"))</td></tr>"
        }
        if neighbours.isEmpty {
            rows = "<tr><td colspan=\"5\" class=\"empty\">No \(HTML.escape(Self.signalTitle(kind).lowercased())) products: too few orders support any pair.</td></tr>"
        }
        return """
        <section class="panel"><h2>\(HTML.escape(Self.signalTitle(kind))) <small>\(neighbours.count) precomputed</small></h2>
        <table class="recs"><thead><tr><th>Product</th><th>Why</th><th class="num">Evidence</th><th class="num">Score</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table></section>
        """
    }

    /// The rules on this page and on every page, each with a remove button, then the pin and block forms.
    private func rulesPanel() -> String {
        var rows = ""
        for rule in detail.rules + detail.globalRules {
            let scope = rule.productID == 0 ? "every page" : "this page"
            rows += "<tr><td>\(rule.action == .pin ? "Pinned" : "Blocked")</td><td>\(HTML.escape(name(rule.targetID)))</td>"
            rows += "<td>\(scope)</td><td class=\"num\">\(rule.action == .pin ? String(rule.position + 1) : "—")</td>"
            rows += "<td>\(HTML.escape(rule.note ?? ""))</td><td>\(removeForm(rule))</td></tr>"
        }
        if rows.isEmpty { rows = "<tr><td colspan=\"6\" class=\"empty\">No pins or blocks.</td></tr>" }
        let action = HTML.escape("\(productPath)/rules")
        let notice = message.map { "<p class=\"out\">\(HTML.escape($0))</p>" } ?? ""
        return """
        <section class="panel"><h2>Merchant rules <small>pins always show (in stock), blocks never do</small></h2>\(notice)
        <table class="recs"><thead><tr><th>Rule</th><th>Product</th><th>Where</th><th class="num">Position</th><th>Note</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table>
        <form method="post" action="\(action)" class="rule"><input type="hidden" name="action" value="pin">
        <label>Pin product id <input name="target_id" inputmode="numeric" required size="12"></label>
        <label>at position <input name="position" inputmode="numeric" value="1" size="3"></label>
        <label><select name="scope"><option value="product">on this page</option><option value="all">on every page</option></select></label>
        <label>note <input name="note" size="24"></label><button type="submit">Pin</button></form>
        <form method="post" action="\(action)" class="rule"><input type="hidden" name="action" value="block">
        <label>Block product id <input name="target_id" inputmode="numeric" required size="12"></label>
        <label><select name="scope"><option value="product">on this page</option><option value="all">on every page</option></select></label>
        <label>note <input name="note" size="24"></label><button type="submit">Block</button></form></section>
        """
    }

    /// A one-button form pinning (first position) or blocking `target` on this page.
    private func form(action: String, target: Int64, label: String) -> String {
        "<form method=\"post\" action=\"\(HTML.escape("\(productPath)/rules"))\" style=\"display:inline\">"
            + "<input type=\"hidden\" name=\"action\" value=\"\(action)\"><input type=\"hidden\" name=\"target_id\" value=\"\(target)\">"
            + "<button type=\"submit\" class=\"link\">\(label)</button></form> "
    }

    private func removeForm(_ rule: RecommendationRule) -> String {
        "<form method=\"post\" action=\"\(HTML.escape("\(productPath)/rules"))\" style=\"display:inline\">"
            + "<input type=\"hidden\" name=\"action\" value=\"remove\"><input type=\"hidden\" name=\"target_id\" value=\"\(rule.targetID)\">"
            + "<input type=\"hidden\" name=\"scope\" value=\"\(rule.productID == 0 ? "all" : "product")\">"
            + "<button type=\"submit\">Remove</button></form>"
    }

    /// A product's title when the page knows it, else its id.
    private func name(_ id: Int64) -> String {
        if let shown = detail.shown.first(where: { $0.productID == id }) { return shown.title }
        for list in detail.lists {
            if let n = list.neighbours.first(where: { $0.product.productID == id }) { return n.product.title }
        }
        return "Product \(id)"
    }

    static func signalTitle(_ signal: String) -> String {
        switch signal {
        case "bought_together": "Bought together"
        case "also_bought": "Customers also bought"
        case "complete_the_look": "Complete the look"
        case "buy_again": "Buy again"
        case "trending": "Trending"
        case "popular": "Best seller"
        case "pinned": "Pinned"
        default: signal
        }
    }

    static func score(_ value: Double) -> String { String(format: "%.3f", value) }
}
