import Commerce
import Foundation
import Storage

/// The shop dashboard: ingest status and sales over time, rendered on the server.
struct DashboardPage {
    var record: ShopRecord
    var stats: ShopStats
    var sales: [SalesDay]
    /// All-time and last-30-days sales per location.
    var locations: [LocationSales]
    var recentLocations: [LocationSales]
    var now: Date

    func render() -> String {
        let shop = record.shop
        let totalRevenue = sales.reduce(Int64(0)) { $0 + $1.revenueMinor }
        let totalOrders = sales.reduce(0) { $0 + $1.orders }
        let posOrders = sales.reduce(0) { $0 + $1.posOrders }
        let recent = sales.suffix(30)
        let recentRevenue = recent.reduce(Int64(0)) { $0 + $1.revenueMinor }
        let previous = sales.dropLast(30).suffix(30)
        let previousRevenue = previous.reduce(Int64(0)) { $0 + $1.revenueMinor }
        let change = previousRevenue > 0 ? Double(recentRevenue - previousRevenue) / Double(previousRevenue) * 100 : nil
        let chart = SalesChart(days: sales, currency: shop.currency).svg()
        let span = [sales.first?.day, sales.last?.day].compactMap { $0 }.joined(separator: " to ")

        var html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(shop.name)) · Storewise</title>
        <style>\(Self.style)</style></head>
        <body><header><div class="brand">Storewise</div>
        <div class="shop"><strong>\(HTML.escape(shop.name))</strong> <span>\(HTML.escape(shop.domain)) · \(HTML.escape(shop.timeZone)) · \(HTML.escape(shop.currency))</span></div>
        <nav><a href="/dashboard/\(HTML.escape(shop.domain))/forecasts">Demand forecasts</a><a href="/dashboard/\(HTML.escape(shop.domain))/replenishment">Replenishment</a><a href="/dashboard/\(HTML.escape(shop.domain))/customers">Customers</a><a href="/dashboard/\(HTML.escape(shop.domain))/recommendations">Recommendations</a><a href="/dashboard/\(HTML.escape(shop.domain))/models">Models</a><a href="/dashboard/\(HTML.escape(shop.domain))/approvals">Approvals</a><a href="/dashboard/\(HTML.escape(shop.domain))/risk">Risk</a></nav>
        <div class="status \(statusClass)">\(statusText)</div></header>
        <main>
        <section class="cards">
        \(card("Revenue", MoneyFormat.whole(totalRevenue, currency: shop.currency), span.isEmpty ? "no orders yet" : span))
        \(card("Last 30 days", MoneyFormat.whole(recentRevenue, currency: shop.currency), change.map { String(format: "%+.1f%% vs the 30 days before", $0) } ?? "—"))
        \(card("Orders", MoneyFormat.grouped(Int64(totalOrders)), "\(percent(posOrders, totalOrders)) at POS"))
        \(card("Customers", MoneyFormat.grouped(Int64(stats.customers)), "\(stats.locations) locations"))
        \(card("Products", MoneyFormat.grouped(Int64(stats.products)), "\(stats.variants) variants"))
        \(card("Events ingested", MoneyFormat.grouped(Int64(stats.events)), lastEventText))
        </section>
        <section class="panel"><h2>Sales over time <small>weekly revenue · darker foot = POS share of orders · hover a bar for details</small></h2>
        \(chart)</section>
        \(locationPanel)
        <section class="panel two">
        <div><h2>Ingest by topic</h2><table><thead><tr><th>Topic</th><th class="num">Events</th></tr></thead><tbody>
        """
        for (topic, count) in stats.eventsByTopic.sorted(by: { $0.value > $1.value }) {
            html += "<tr><td><code>\(HTML.escape(topic))</code></td><td class=\"num\">\(MoneyFormat.grouped(Int64(count)))</td></tr>"
        }
        html += """
        </tbody></table></div>
        <div><h2>Projections</h2><table><tbody>
        <tr><td>Orders</td><td class="num">\(MoneyFormat.grouped(Int64(stats.orders)))</td></tr>
        <tr><td>Daily demand rows (variant × location × day)</td><td class="num">\(MoneyFormat.grouped(Int64(stats.demandRows)))</td></tr>
        <tr><td>First order</td><td class="num">\(date(stats.firstOrderAt))</td></tr>
        <tr><td>Last order</td><td class="num">\(date(stats.lastOrderAt))</td></tr>
        <tr><td>Installed</td><td class="num">\(date(record.createdAt))</td></tr>
        </tbody></table>
        <p class="hint">JSON API: <code>GET /api/v1/orders</code>, <code>/api/v1/products</code>, <code>/api/v1/demand</code>, <code>/api/v1/sales</code> with <code>Authorization: Bearer &lt;token&gt;</code>.</p></div>
        </section></main>
        <footer>Storewise · data as of \(date(now))</footer></body></html>
        """
        return html
    }

    /// Online store and each POS location: where the money comes from.
    private var locationPanel: String {
        guard !locations.isEmpty else { return "" }
        let recent = Dictionary(recentLocations.map { ($0.locationID, $0) }, uniquingKeysWith: { a, _ in a })
        let currency = record.shop.currency
        var rows = ""
        for location in locations {
            let last = recent[location.locationID]
            let name = location.name ?? "Location \(location.locationID)"
            let online = location.locationID == record.shop.onlineLocationID || location.locationID == 0
            rows += "<tr><td>\(HTML.escape(name))\(online ? " <small>online orders</small>" : "")</td>"
            rows += "<td class=\"num\">\(MoneyFormat.grouped(Int64(last?.orders ?? 0)))</td><td class=\"num\">\(MoneyFormat.whole(last?.revenueMinor ?? 0, currency: currency))</td>"
            rows += "<td class=\"num\">\(MoneyFormat.grouped(Int64(location.orders)))</td><td class=\"num\">\(MoneyFormat.whole(location.revenueMinor, currency: currency))</td></tr>"
        }
        return """
        <section class="panel"><h2>Locations</h2><table><thead><tr><th>Location</th><th class="num">Orders, 30 days</th>\
        <th class="num">Revenue, 30 days</th><th class="num">Orders, all time</th><th class="num">Revenue, all time</th></tr></thead>
        <tbody>\(rows)</tbody></table></section>
        """
    }

    private var statusClass: String { record.uninstalledAt == nil ? "ok" : "warn" }
    private var statusText: String { record.uninstalledAt == nil ? "Receiving webhooks" : "App uninstalled" }

    private var lastEventText: String {
        guard let last = stats.lastEventAt else { return "none yet" }
        let seconds = max(0, Int(now.timeIntervalSince(last)))
        switch seconds {
        case ..<60: return "last \(seconds) s ago"
        case ..<3600: return "last \(seconds / 60) min ago"
        case ..<86_400: return "last \(seconds / 3600) h ago"
        default: return "last \(seconds / 86_400) days ago"
        }
    }

    private func card(_ title: String, _ value: String, _ note: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(HTML.escape(title))</div><div class=\"value\">\(HTML.escape(value))</div><div class=\"note\">\(HTML.escape(note))</div></div>"
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.0f%%", Double(part) / Double(whole) * 100)
    }

    private func date(_ date: Date?) -> String {
        guard let date else { return "—" }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = TimeZone(identifier: record.shop.timeZone) ?? .gmt
        return formatter.string(from: date)
    }

    static let style = """
    :root{--ink:#1f2933;--muted:#66788a;--line:#e4e7eb;--accent:#2f6f4e;--accent2:#174a33;--bg:#f7f8f6}
    *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
    header{display:flex;gap:24px;align-items:center;padding:14px 28px;background:#fff;border-bottom:1px solid var(--line)}
    .brand{font-weight:700;color:var(--accent);font-size:18px}.shop span{color:var(--muted);margin-left:8px}
    .status{margin-left:auto;padding:4px 10px;border-radius:12px;font-size:13px}.status.ok{background:#e3f2e9;color:var(--accent2)}.status.warn{background:#fdeccc;color:#8a5a00}
    main{padding:24px 28px;max-width:1180px;margin:0 auto}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:14px;margin-bottom:20px}
    .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px}
    .label{color:var(--muted);font-size:13px}.value{font-size:24px;font-weight:650;margin:2px 0}.note{color:var(--muted);font-size:12.5px}
    .panel{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin-bottom:20px}
    .panel.two{display:grid;grid-template-columns:1fr 1fr;gap:28px}
    h2{font-size:16px;margin:0 0 10px}h2 small{font-weight:400;color:var(--muted);font-size:12.5px;margin-left:6px}
    .chart{width:100%;height:auto}.grid{stroke:var(--line)}.axis{fill:var(--muted);font-size:11px}
    .bar{fill:var(--accent);opacity:.78}.bar-pos{fill:var(--accent2)}g:hover .bar{opacity:1}
    table{width:100%;border-collapse:collapse;font-size:14px}td,th{padding:6px 4px;border-bottom:1px solid var(--line);text-align:left}
    th{color:var(--muted);font-weight:500}.num{text-align:right;font-variant-numeric:tabular-nums}
    code{font-size:12.5px;background:#f1f3f1;padding:1px 5px;border-radius:4px}.hint{color:var(--muted);font-size:13px;margin-top:14px}
    .empty{color:var(--muted)}td small{color:var(--muted);margin-left:6px}footer{color:var(--muted);font-size:12px;text-align:center;padding:18px}
    nav a{margin-right:14px;color:var(--accent);font-weight:500}
    """
}
