import Commerce
import CustomerValue
import Foundation
import Storage

/// The dashboard's customer page: headline figures of the latest scoring run, segment sizes and
/// value, the spread of predicted CLV, high-value customers slipping away, the run's models and
/// holdout check, and consent-aware export links per segment.
struct CustomersDashboardPage {
    /// A customer on the at-risk list, with the name the profile gives.
    struct AtRisk: Sendable {
        var score: CustomerScoreRow
        var name: String
    }

    var record: ShopRecord
    /// nil when the shop has no scoring run yet.
    var run: CustomerValueRun?
    /// Every segment, empty ones included, in `RFMSegment` order.
    var segments: [SegmentSummary]
    /// Band bounds in minor units and the count per band (bounds.count + 1 bands).
    var bounds: [Int64]
    var distribution: [Int]
    var atRisk: [AtRisk]
    /// Customers with churn risk ≥ 0.5, before the list's limit.
    var atRiskTotal: Int

    var base: String { "/dashboard/\(record.shop.domain)" }
    var currency: String { run.map { $0.currency.isEmpty ? record.shop.currency : $0.currency } ?? record.shop.currency }

    /// CLV band bounds for a currency: 10, 25, 50 … 5,000 whole units.
    static func bounds(currency: String) -> [Int64] {
        let scale = minorPerUnit(currency)
        return [10, 25, 50, 100, 250, 500, 1000, 2500, 5000].map { $0 * scale }
    }

    func render() -> String {
        let shop = record.shop
        let home = HTML.escape(base)
        var html = DashboardPage.sectionHead(title: "Customers · \(shop.name)", shop: shop, style: Self.style, home: home)
        guard let run else {
            html += """
            <section class="panel"><h2>No customer scoring run yet</h2><p>Score the shop's customers with
            <code>storewise customers score --shop \(HTML.escape(shop.domain))</code>, then reload this page.</p></section></main></body></html>
            """
            return html
        }
        html += cards(run)
        html += segmentPanel()
        html += "<section class=\"panel two\"><div>\(distributionChart())</div><div>\(runTable(run))</div></section>"
        html += atRiskPanel()
        html += "</main><footer>Storewise · customer scoring run \(run.id) of \(HTML.escape(Self.timestamp(run.createdAt, timeZone: shop.timeZone)))</footer></body></html>"
        return html
    }

    private func cards(_ run: CustomerValueRun) -> String {
        let totalValue = segments.reduce(Int64(0)) { $0 + $1.lifetimeValueMinor }
        let scored = segments.reduce(0) { $0 + $1.customers }
        let emailable = segments.reduce(0) { $0 + $1.emailConsented }
        let holdout = run.holdout.map { String(format: "%.3f", $0.meanAbsoluteError) } ?? "—"
        let holdoutNote = run.holdout.map {
            String(format: "predicted %.0f vs %d actual repeat purchases over %d days", $0.predictedPurchases, $0.actualPurchases, $0.days)
        } ?? "history too short for a holdout check"
        return """
        <section class="cards">
        \(card("Customers scored", MoneyFormat.grouped(Int64(scored)), "\(MoneyFormat.grouped(Int64(run.repeatBuyers))) repeat buyers"))
        \(card("Predicted CLV, \(run.clvMonths) months", MoneyFormat.whole(totalValue, currency: currency), "all scored customers, discounted"))
        \(card("Slipping away", MoneyFormat.grouped(Int64(atRiskTotal)), "churn risk ≥ 50%"))
        \(card("Email consent", MoneyFormat.grouped(Int64(emailable)), "\(percent(emailable, scored)) of scored customers"))
        \(card("Holdout MAE", holdout, holdoutNote))
        \(card("Model", Self.modelTitle(run.model), "\(MoneyFormat.grouped(Int64(run.orders))) orders read"))
        </section>
        """
    }

    /// Customers and predicted value per segment as bars, with export links.
    private func segmentPanel() -> String {
        let maxCustomers = max(1, segments.map(\.customers).max() ?? 1)
        let maxValue = max(1, segments.map(\.lifetimeValueMinor).max() ?? 1)
        var rows = ""
        for summary in segments {
            let title = RFMSegment(rawValue: summary.segment)?.title ?? summary.segment
            let customersWidth = Double(summary.customers) / Double(maxCustomers) * 100
            let valueWidth = Double(summary.lifetimeValueMinor) / Double(maxValue) * 100
            let exportBase = "\(base)/customers/export?segment=\(summary.segment)"
            rows += "<tr><td>\(HTML.escape(title))</td>"
            rows += "<td class=\"barcell\"><div class=\"hbar\" style=\"width:\(String(format: "%.1f", customersWidth))%\"></div><span>\(MoneyFormat.grouped(Int64(summary.customers)))</span></td>"
            rows += "<td class=\"barcell\"><div class=\"hbar value\" style=\"width:\(String(format: "%.1f", valueWidth))%\"></div><span>\(HTML.escape(MoneyFormat.whole(summary.lifetimeValueMinor, currency: currency)))</span></td>"
            rows += "<td class=\"num\">\(summary.customers == 0 ? "—" : String(format: "%.0f%%", summary.meanProbabilityAlive * 100))</td>"
            rows += "<td class=\"num\">\(summary.emailConsented) / \(summary.smsConsented)</td>"
            rows += "<td class=\"exports\"><a href=\"\(HTML.escape(exportBase + "&channel=email&format=csv"))\">email CSV</a>"
            rows += "<a href=\"\(HTML.escape(exportBase + "&channel=sms&format=csv"))\">SMS CSV</a>"
            rows += "<a href=\"\(HTML.escape(exportBase + "&channel=email&format=json"))\">JSON</a></td></tr>"
        }
        return """
        <section class="panel"><h2>Segments <small>RFM grid of the latest run · exports hold only customers whose consent allows the channel</small></h2>
        <table class="segments"><thead><tr><th>Segment</th><th>Customers</th><th>Predicted CLV</th><th class="num">Mean P(alive)</th>\
        <th class="num">Email / SMS consent</th><th>Export</th></tr></thead><tbody>\(rows)</tbody></table>
        <p class="hint">All segments: <a href="\(HTML.escape(base))/customers/export?segment=all&amp;channel=email&amp;format=csv">email CSV</a> ·
        <a href="\(HTML.escape(base))/customers/export?segment=all&amp;channel=sms&amp;format=csv">SMS CSV</a>.
        API: <code>GET /api/v1/customers/export?segment=&amp;channel=email|sms&amp;format=csv|json</code>.</p></section>
        """
    }

    /// A histogram of predicted CLV over the bands of `bounds`.
    func distributionChart() -> String {
        let width = 520.0, height = 240.0, left = 40.0, right = 8.0, top = 12.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxCount = max(1, distribution.max() ?? 1)
        let barWidth = plotWidth / Double(max(1, distribution.count))
        var svg = "<h2>Predicted CLV <small>customers per band</small></h2>"
        svg += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Customers per predicted CLV band\" class=\"chart\">"
        svg += "<text x=\"\(f(left - 6))\" y=\"\(f(top + 8))\" class=\"axis\" text-anchor=\"end\">\(MoneyFormat.compact(Double(maxCount)))</text>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\" class=\"grid\"/>"
        for (index, count) in distribution.enumerated() {
            let barHeight = Double(count) / Double(maxCount) * plotHeight
            let x = left + Double(index) * barWidth
            let label = bandLabel(index)
            svg += "<g><title>\(HTML.escape("\(label): \(count) customers"))</title>"
            svg += "<rect x=\"\(f(x + 2))\" y=\"\(f(top + plotHeight - barHeight))\" width=\"\(f(max(1, barWidth - 4)))\" height=\"\(f(barHeight))\" class=\"bar\"/></g>"
            svg += "<text x=\"\(f(x + barWidth / 2))\" y=\"\(f(height - 24))\" class=\"axis\" text-anchor=\"middle\">\(HTML.escape(shortBand(index)))</text>"
            svg += "<text x=\"\(f(x + barWidth / 2))\" y=\"\(f(height - 10))\" class=\"axis\" text-anchor=\"middle\">\(count)</text>"
        }
        return svg + "</svg>"
    }

    /// "$100 – $250", "under $10", "$5,000 and more".
    func bandLabel(_ index: Int) -> String {
        if bounds.isEmpty { return "all" }
        if index == 0 { return "under \(MoneyFormat.whole(bounds[0], currency: currency))" }
        if index >= bounds.count { return "\(MoneyFormat.whole(bounds[bounds.count - 1], currency: currency)) and more" }
        return "\(MoneyFormat.whole(bounds[index - 1], currency: currency)) – \(MoneyFormat.whole(bounds[index], currency: currency))"
    }

    /// The band's lower bound, compact: "<10", "25", "5k+".
    private func shortBand(_ index: Int) -> String {
        let scale = Double(Self.minorPerUnit(currency))
        if bounds.isEmpty { return "all" }
        if index == 0 { return "<" + MoneyFormat.compact(Double(bounds[0]) / scale) }
        let lower = MoneyFormat.compact(Double(bounds[index - 1]) / scale)
        return index >= bounds.count ? lower + "+" : lower
    }

    private func runTable(_ run: CustomerValueRun) -> String {
        func parameters(_ values: [String: Double]) -> String {
            values.isEmpty ? "—" : values.sorted { $0.key < $1.key }.map { "\($0.key) = \(String(format: "%.4g", $0.value))" }.joined(separator: ", ")
        }
        var rows = """
        <tr><td>Purchase model</td><td>\(HTML.escape(Self.modelTitle(run.model)))</td></tr>
        <tr><td>Parameters</td><td>\(HTML.escape(parameters(run.parameters)))</td></tr>
        <tr><td>Spend model</td><td>\(run.spendParameters.isEmpty ? "mean order value \(HTML.escape(MoneyFormat.whole(Int64(run.meanOrderValue.rounded()), currency: currency)))" : "Gamma-Gamma " + HTML.escape(parameters(run.spendParameters)))</td></tr>
        <tr><td>Log-likelihood</td><td>\(String(format: "%.1f", run.logLikelihood))</td></tr>
        <tr><td>Horizon / CLV</td><td>\(String(format: "%.0f", run.horizonDays)) days / \(run.clvMonths) months</td></tr>
        <tr><td>Orders read / left out</td><td>\(MoneyFormat.grouped(Int64(run.orders))) / \(MoneyFormat.grouped(Int64(run.skippedOrders)))</td></tr>
        """
        if let holdout = run.holdout {
            rows += "<tr><td>Holdout (last \(holdout.days) days)</td><td>MAE \(String(format: "%.3f", holdout.meanAbsoluteError)) per customer; "
            rows += "\(String(format: "%.1f", holdout.predictedPurchases)) predicted vs \(holdout.actualPurchases) actual repeat purchases, \(holdout.customers) customers</td></tr>"
        } else {
            rows += "<tr><td>Holdout</td><td>not run (history too short)</td></tr>"
        }
        rows += "<tr><td>Scored in</td><td>\(String(format: "%.2f", run.seconds)) s</td></tr>"
        return "<h2>Scoring run <small>\(HTML.escape(Self.timestamp(run.createdAt, timeZone: record.shop.timeZone)))</small></h2><table><tbody>\(rows)</tbody></table>"
    }

    /// High-value customers whose churn risk is at least 50%, most valuable first.
    private func atRiskPanel() -> String {
        var rows = ""
        for entry in atRisk {
            let score = entry.score
            let title = RFMSegment(rawValue: score.segment)?.title ?? score.segment
            rows += "<tr><td><a href=\"\(HTML.escape("\(base)/customers/\(score.customerID)"))\">\(HTML.escape(entry.name))</a></td>"
            rows += "<td>\(HTML.escape(title))</td>"
            rows += "<td class=\"num\">\(HTML.escape(CustomerAPIController.Amount(score.lifetimeValueMinor, currency: currency).formatted))</td>"
            rows += "<td class=\"num\">\(String(format: "%.0f%%", score.churnRisk * 100))</td>"
            rows += "<td class=\"num\">\(HTML.escape(MoneyFormat.whole(score.spendMinor, currency: currency)))</td>"
            rows += "<td class=\"num\">\(score.orders)</td><td>\(HTML.escape(score.lastOrderDay))</td></tr>"
        }
        if atRisk.isEmpty { rows = "<tr><td colspan=\"7\" class=\"empty\">No customer has a churn risk of 50% or more.</td></tr>" }
        return """
        <section class="panel"><h2>High-value customers at risk <small>churn risk ≥ 50%, highest predicted CLV first · \(atRisk.count) of \(MoneyFormat.grouped(Int64(atRiskTotal)))</small></h2>
        <table><thead><tr><th>Customer</th><th>Segment</th><th class="num">Predicted CLV</th><th class="num">Churn risk</th>\
        <th class="num">Lifetime spend</th><th class="num">Orders</th><th>Last order</th></tr></thead><tbody>\(rows)</tbody></table>
        <p class="hint">JSON: <code>GET /api/v1/customers?min_churn_risk=0.5&amp;sort=value</code>.</p></section>
        """
    }

    /// Minor units in one whole unit of the currency (100 for USD, 1 for JPY).
    static func minorPerUnit(_ currency: String) -> Int64 {
        (0..<Money.minorUnitDigits(for: currency)).reduce(Int64(1)) { value, _ in value * 10 }
    }

    static func modelTitle(_ model: String) -> String {
        switch model {
        case "bgnbd": "BG/NBD"
        case "mbgnbd": "MBG/NBD"
        case "paretonbd": "Pareto/NBD"
        default: model
        }
    }

    static func timestamp(_ date: Date, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        return formatter.string(from: date)
    }

    private func card(_ title: String, _ value: String, _ note: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(HTML.escape(title))</div><div class=\"value\">\(HTML.escape(value))</div><div class=\"note\">\(HTML.escape(note))</div></div>"
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.0f%%", Double(part) / Double(whole) * 100)
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static let style = """
    .barcell{position:relative;min-width:160px;white-space:nowrap}.hbar{height:14px;background:var(--accent);opacity:.75;border-radius:3px;display:inline-block;vertical-align:middle;margin-right:6px;max-width:70%}
    .hbar.value{background:#2b4a74}.barcell span{font-variant-numeric:tabular-nums;font-size:13px}.exports a{margin-right:10px;color:var(--accent);font-size:13px}
    dl.profile{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0}dl.profile dt{color:var(--muted)}dl.profile dd{margin:0}
    """
}
