import Foundation

/// A small inline SVG of one column's drift: per bin (a category, or a range of the
/// reference's Sturges edges), the reference share beside the current share.
struct DriftChart {
    var column: DriftColumn
    var width = 360.0
    var height = 120.0

    func svg() -> String {
        let bins = column.bins
        guard !bins.isEmpty else { return "<span class=\"empty\">no bins</span>" }
        let left = 4.0, right = 4.0, top = 6.0, bottom = 18.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let peak = max(0.01, bins.map { max($0.referenceShare, $0.currentShare) }.filter(\.isFinite).max() ?? 0.01)
        let slot = plotWidth / Double(bins.count)
        let bar = max(1, slot * 0.4)
        func h(_ share: Double) -> Double { max(0, share.isFinite ? share : 0) / peak * plotHeight }

        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Reference and current shares of \(HTML.escape(column.name))\" class=\"drift-chart\">"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\" class=\"grid\"/>"
        for (index, bin) in bins.enumerated() {
            let x0 = left + Double(index) * slot + slot * 0.1
            let title = HTML.escape("\(bin.label): reference \(Self.percent(bin.referenceShare)), current \(Self.percent(bin.currentShare))")
            svg += "<g><title>\(title)</title>"
            svg += "<rect x=\"\(f(x0))\" y=\"\(f(top + plotHeight - h(bin.referenceShare)))\" width=\"\(f(bar))\" height=\"\(f(h(bin.referenceShare)))\" class=\"ref\"/>"
            svg += "<rect x=\"\(f(x0 + bar))\" y=\"\(f(top + plotHeight - h(bin.currentShare)))\" width=\"\(f(bar))\" height=\"\(f(h(bin.currentShare)))\" class=\"cur\"/></g>"
        }
        // Labels only where they fit: categories when few, else the first and last bin.
        let labelled = bins.count <= 8 ? Array(bins.indices) : [0, bins.count - 1]
        for index in labelled {
            let text = bins[index].label.count > 14 ? String(bins[index].label.prefix(13)) + "…" : bins[index].label
            svg += "<text x=\"\(f(left + (Double(index) + 0.5) * slot))\" y=\"\(f(height - 5))\" class=\"axis\" text-anchor=\"middle\">\(HTML.escape(text))</text>"
        }
        return svg + "</svg>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func percent(_ share: Double) -> String {
        share.isFinite ? String(format: "%.1f%%", share * 100) : "—"
    }

    /// Bar and legend styles, added to the dashboard's own.
    static let style = """
    .drift-chart{width:100%;max-width:360px;height:auto}.drift-chart .ref{fill:#9aa5b1}.drift-chart .cur{fill:#2d5b8a}
    .legend{display:flex;gap:16px;flex-wrap:wrap;color:var(--muted);font-size:12.5px;margin:4px 0 8px}
    .legend i{display:inline-block;width:14px;height:10px;margin-right:5px;vertical-align:middle;border-radius:2px}
    .legend .l-ref{background:#9aa5b1}.legend .l-cur{background:#2d5b8a}
    """
}
