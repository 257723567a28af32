import Foundation
import Storage

/// One model kind's page, `/dashboard/<domain>/models/<kind>`: the holdout metric of every
/// version and each version's live accuracy over time, drift per feature of the latest report
/// (test, statistic, threshold, PSI and reference vs current shares) and of the latest
/// prediction-drift report, and the drifted share of feature columns over recent reports.
struct ModelKindDashboardPage {
    var record: ShopRecord
    var info: ModelKindInfo
    var aliases: [ModelAlias]
    /// Newest first.
    var versions: [ModelVersion]
    /// Oldest first.
    var accuracy: [LiveAccuracyRecord]
    /// Newest first.
    var reports: [DriftReportRecord]

    var base: String { "/dashboard/\(record.shop.domain)" }

    func render() -> String {
        let shop = record.shop
        var html = DashboardPage.sectionHead(title: "\(info.title) · Models · \(shop.name)", shop: shop,
                                             style: ModelsDashboardPage.style + DriftChart.style, home: HTML.escape(base))
        html += "<p><a href=\"\(HTML.escape(base))/models\">← All models</a></p>"
        html += "<section class=\"panel\"><h2>\(HTML.escape(info.title)) <small>\(HTML.escape(info.name))</small></h2><div class=\"badges\">"
        for alias in ModelsDashboardPage.ordered(aliases) {
            html += "<span class=\"alias \(HTML.escape(ModelsDashboardPage.aliasClass(alias.name)))\">\(HTML.escape(alias.name)) → v\(alias.version)</span>"
        }
        if aliases.isEmpty { html += "<span class=\"empty\">No aliases yet.</span>" }
        html += "</div></section>"
        html += metricsPanel()
        let features = reports.filter { !DriftColumn.isPredictionReport($0) }
        html += driftPanel(features.first, title: "Drift per feature",
                           empty: "No drift report yet: the monitor compares each champion's inputs with its training window.")
        if let predictions = reports.first(where: DriftColumn.isPredictionReport) {
            html += driftPanel(predictions, title: "Prediction drift", empty: "")
        }
        html += driftSharePanel(features)
        html += "</main><footer>Storewise · \(HTML.escape(info.name)) lifecycle</footer></body></html>"
        return html
    }

    /// The metric the chart shows: the kind's primary metric, or MASE for live figures that lack it.
    private var metric: String { info.primaryMetric.isEmpty ? (versions.first?.draft.primaryMetric ?? "mase") : info.primaryMetric }

    private func metricsPanel() -> String {
        var series: [MetricsOverTimeChart.Series] = []
        let holdout = versions.reversed().compactMap { version in
            version.primaryValue.map { MetricsOverTimeChart.Point(at: version.createdAt, value: $0, note: "v\(version.version) holdout \(MetricsOverTimeChart.number($0))") }
        }
        if !holdout.isEmpty { series.append(.init(name: "holdout \(metric) per version", points: holdout, color: 0, pointsOnly: true)) }
        let byVersion = Dictionary(grouping: accuracy, by: \.version)
        for (index, version) in byVersion.keys.sorted().enumerated() {
            let points = byVersion[version, default: []].compactMap { record -> MetricsOverTimeChart.Point? in
                let name = record.metrics[metric] != nil ? metric : "mase"
                return record.metrics[name].map {
                    .init(at: record.measuredAt, value: $0, note: "live \(name) \(MetricsOverTimeChart.number($0)) over \(record.fromDay)…\(record.throughDay), \(record.series) series")
                }
            }
            if !points.isEmpty { series.append(.init(name: "v\(version) live \(metric)", points: points, color: index + 1)) }
        }
        let chart = MetricsOverTimeChart(series: series, label: "\(metric) over time").svg()
        return """
        <section class="panel"><h2>Metrics over time <small>\(HTML.escape(metric)), \(info.higherIsBetter ? "higher" : "lower") is better · \
        dots: holdout when trained · lines: live accuracy as actuals arrived</small></h2>\(chart)</section>
        """
    }

    private func driftPanel(_ report: DriftReportRecord?, title: String, empty: String) -> String {
        guard let report else {
            return "<section class=\"panel\"><h2>\(HTML.escape(title))</h2><p class=\"empty\">\(HTML.escape(empty))</p></section>"
        }
        var html = "<section class=\"panel\"><h2>\(HTML.escape(title)) <small>v\(report.version) · reference \(HTML.escape(report.referenceFrom))…\(HTML.escape(report.referenceTo))"
        html += " (\(report.referenceRows) rows) vs current \(HTML.escape(report.currentFrom))…\(HTML.escape(report.currentTo)) (\(report.currentRows) rows)</small></h2>"
        html += "<p>\(report.driftedColumns) of \(report.columnCount) columns drifted · "
        html += report.datasetDrift ? "<span class=\"badge bad\">dataset drift</span>" : "<span class=\"badge ok\">no dataset drift</span>"
        html += "</p><div class=\"legend\"><span><i class=\"l-ref\"></i>reference share</span><span><i class=\"l-cur\"></i>current share</span></div>"
        guard let columns = DriftColumn.decode(report) else {
            return html + "<p class=\"empty\">The report's columns could not be read.</p></section>"
        }
        var rows = ""
        for column in columns {
            let comparison = column.isPValue ? "p ≤ \(MetricsOverTimeChart.number(column.threshold))" : "≥ \(MetricsOverTimeChart.number(column.threshold))"
            rows += "<tr><td><strong>\(HTML.escape(column.name))</strong><small>\(column.isNumerical ? "numeric" : "categorical")</small></td>"
            rows += "<td>\(HTML.escape(column.testName))</td><td class=\"num\">\(MetricsOverTimeChart.number(column.statistic))</td>"
            rows += "<td class=\"num\">\(comparison)</td>"
            rows += "<td>\(column.drifted ? "<span class=\"badge bad\">drifted</span>" : "<span class=\"badge ok\">stable</span>")</td>"
            rows += "<td class=\"num\">\(MetricsOverTimeChart.number(column.psi))</td><td>\(DriftChart(column: column).svg())</td></tr>"
        }
        if columns.isEmpty { rows = "<tr><td colspan=\"7\" class=\"empty\">The report has no columns.</td></tr>" }
        html += """
        <table><thead><tr><th>Feature</th><th>Test</th><th class="num">Statistic</th><th class="num">Drift when</th><th></th>\
        <th class="num">PSI</th><th>Reference vs current</th></tr></thead><tbody>\(rows)</tbody></table></section>
        """
        return html
    }

    private func driftSharePanel(_ reports: [DriftReportRecord]) -> String {
        guard reports.count > 1 else { return "" }
        let points = reports.reversed().map { report in
            let share = report.columnCount > 0 ? Double(report.driftedColumns) / Double(report.columnCount) : 0
            return MetricsOverTimeChart.Point(at: report.createdAt, value: share,
                                              note: "v\(report.version): \(report.driftedColumns) of \(report.columnCount) columns\(report.datasetDrift ? ", dataset drift" : "")")
        }
        let chart = MetricsOverTimeChart(series: [.init(name: "drifted share of columns", points: points, color: 2)],
                                         label: "Drifted share of columns over time", unitRange: true).svg()
        return "<section class=\"panel\"><h2>Drift share over time <small>dataset drift at half the columns</small></h2>\(chart)</section>"
    }
}
