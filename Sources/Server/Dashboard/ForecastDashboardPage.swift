import Commerce
import Forecasting
import Foundation
import Storage

/// The dashboard's forecast page: the latest run, the items with the largest expected demand,
/// and the chosen item's history, forecast and interval band.
struct ForecastDashboardPage {
    var record: ShopRecord
    /// nil when the shop has no completed run yet.
    var run: ForecastRun?
    /// The run's series by expected units, largest first.
    var ranked: [ForecastSeries]
    /// The chosen series with its days, and its history through the run's as-of day.
    var selected: ForecastSeries?
    var history: DemandHistory?
    /// "Product · Variant" by variant id, and location names by id.
    var variantNames: [Int64: String]
    var locationNames: [Int64: String]

    func render() -> String {
        let shop = record.shop
        let base = "/dashboard/\(HTML.escape(shop.domain))"
        var html = DashboardPage.sectionHead(title: "Forecasts · \(shop.name)", shop: shop, style: ForecastChart.style, home: base)
        guard let run else {
            html += """
            <section class="panel"><h2>No forecasts yet</h2><p>Run <code>storewise forecast --shop \(HTML.escape(shop.domain))</code>
            (the demo runs one after loading its history), then reload this page.</p></section></main></body></html>
            """
            return html
        }
        html += """
        <section class="cards fc">
        \(card("Model", run.modelName, "version \(run.modelVersion)"))
        \(card("As of", run.asOfDay, "forecasting \(run.horizon) days ahead"))
        \(card("Items forecast", MoneyFormat.grouped(Int64(run.seriesCount - run.failedCount)), run.failedCount == 0 ? "none failed" : "\(run.failedCount) failed"))
        \(card("Expected units", MoneyFormat.grouped(Int64((run.metrics["expected_units"] ?? 0).rounded())), "over the next \(run.horizon) days"))
        \(card("Out-of-stock days", String(format: "%.1f%%", (run.metrics["censored_share"] ?? 0) * 100), "of history, treated as censored"))
        \(card("Run took", String(format: "%.1f s", run.durationSeconds), "run \(run.id)"))
        </section>
        """
        if let selected {
            html += chartPanel(selected, run: run)
        }
        html += rankedPanel(run: run, base: base)
        html += "</main><footer>Storewise · forecast run \(run.id) of \(HTML.escape(run.asOfDay))</footer></body></html>"
        return html
    }

    private func chartPanel(_ series: ForecastSeries, run: ForecastRun) -> String {
        let title = name(series)
        guard series.error == nil else {
            return "<section class=\"panel\"><h2>\(HTML.escape(title))</h2><p class=\"empty\">No forecast: \(HTML.escape(series.error ?? ""))</p></section>"
        }
        let recent = history?.suffix(120)
        let historyDays = recent.map { h in
            h.values.indices.map { ForecastChart.HistoryDay(day: h.day(at: $0), units: h.observed[$0], demand: h.values[$0], censored: h.censored[$0]) }
        } ?? []
        let bands = ForecastChart.bands(series, levels: run.levels)
        let chart = ForecastChart(history: historyDays, days: series.days.compactMap { CivilDate($0.day) },
                                  mean: series.days.map(\.mean), bands: bands)
        let bandLegend = bands.map { "<span><i class=\"l-band\"></i>\(ForecastChart.units($0.level))% interval</span>" }.joined()
        let stock = history?.stockAtEnd.map { "stock at the as-of day: \(ForecastChart.units($0))" } ?? "stock not tracked"
        return """
        <section class="panel"><h2>\(HTML.escape(title)) <small>expected \(ForecastChart.units(series.expectedUnits)) units in \(run.horizon) days · \
        \(series.historyDays) days of history since \(HTML.escape(series.historyStartDay)), \(series.censoredDays) out of stock · \(stock)</small></h2>
        <div class="legend"><span><i class="l-sold"></i>units sold</span><span><i class="l-oos"></i>out of stock (censored)</span>\
        <span><i class="l-imp"></i>imputed demand</span><span><i class="l-mean"></i>forecast mean</span>\(bandLegend)</div>
        \(chart.svg())</section>
        """
    }

    private func rankedPanel(run: ForecastRun, base: String) -> String {
        var rows = ""
        for series in ranked {
            let isSelected = series.variantID == selected?.variantID && series.locationID == selected?.locationID
            let link = "\(base)/forecasts?variant_id=\(series.variantID)&amp;location_id=\(series.locationID)"
            rows += "<tr\(isSelected ? " class=\"selected\"" : "")><td><a href=\"\(link)\">\(HTML.escape(variantName(series.variantID)))</a></td>"
            rows += "<td>\(HTML.escape(locationName(series.locationID)))</td>"
            rows += "<td class=\"num\">\(ForecastChart.units(series.expectedUnits))</td><td class=\"num\">\(ForecastChart.units(series.expectedUnits / Double(max(1, run.horizon))))</td>"
            rows += "<td class=\"num\">\(series.historyDays)</td><td class=\"num\">\(series.censoredDays)</td></tr>"
        }
        return """
        <section class="panel"><h2>Largest expected demand <small>next \(run.horizon) days · click an item for its chart</small></h2>
        <table><thead><tr><th>Item</th><th>Location</th><th class="num">Units, \(run.horizon) days</th><th class="num">Per day</th>\
        <th class="num">History days</th><th class="num">Out-of-stock days</th></tr></thead><tbody>\(rows)</tbody></table>
        <p class="hint">JSON: <code>GET /api/v1/forecasts?variant_id=&amp;location_id=</code>, <code>/api/v1/forecasts/runs</code>.</p></section>
        """
    }

    private func name(_ series: ForecastSeries) -> String {
        "\(variantName(series.variantID)) at \(locationName(series.locationID))"
    }

    private func variantName(_ id: Int64) -> String { variantNames[id] ?? "Variant \(id)" }
    private func locationName(_ id: Int64) -> String { locationNames[id] ?? (id == Location.onlineID ? "Online Store" : "Location \(id)") }

    private func card(_ title: String, _ value: String, _ note: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(HTML.escape(title))</div><div class=\"value\">\(HTML.escape(value))</div><div class=\"note\">\(HTML.escape(note))</div></div>"
    }
}
