import Commerce
import Foundation
import Storage

/// An inline SVG chart of one item's daily demand: recent history, out-of-stock days, and the
/// forecast with its interval bands, drawn on the server (no JavaScript).
struct ForecastChart {
    /// One day of history: units sold, the demand the model saw, whether it was censored.
    struct HistoryDay {
        var day: CivilDate
        var units: Double
        var demand: Double
        var censored: Bool
    }

    /// A band to shade: the central interval at `level` percent.
    struct Band {
        var level: Double
        var lower: [Double]
        var upper: [Double]
    }

    var history: [HistoryDay]
    /// Forecast days after the last history day, with their means and bands (widest first).
    var days: [CivilDate]
    var mean: [Double]
    var bands: [Band]
    var width = 960.0
    var height = 320.0

    /// Picks at most two bands to shade from a run's levels: the widest up to 95 % and the
    /// narrowest, so the picture stays readable however many levels the run stored.
    static func bands(_ series: ForecastSeries, levels: [Double]) -> [Band] {
        var chosen: [Int] = []
        if let wide = levels.indices.filter({ levels[$0] <= 95 }).max(by: { levels[$0] < levels[$1] }) ?? levels.indices.first { chosen.append(wide) }
        if let narrow = levels.indices.min(by: { levels[$0] < levels[$1] }), !chosen.contains(narrow) { chosen.append(narrow) }
        return chosen.compactMap { k in
            let lower = series.days.map { k < $0.lower.count ? $0.lower[k] : .nan }
            let upper = series.days.map { k < $0.upper.count ? $0.upper[k] : .nan }
            guard lower.allSatisfy(\.isFinite), upper.allSatisfy(\.isFinite) else { return nil }
            return Band(level: levels[k], lower: lower, upper: upper)
        }
    }

    func svg() -> String {
        let total = history.count + days.count
        guard total > 0 else { return "<p class=\"empty\">No history or forecast for this item.</p>" }
        let left = 56.0, right = 16.0, top = 14.0, bottom = 34.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let peak = max(1, (history.flatMap { [$0.units, $0.demand] } + mean + bands.flatMap(\.upper)).filter(\.isFinite).max() ?? 1)
        let step = Self.niceStep(peak / 4)
        let yMax = (peak / step).rounded(.up) * step
        let dayWidth = plotWidth / Double(total)
        func x(_ index: Int) -> Double { left + (Double(index) + 0.5) * dayWidth }
        func y(_ value: Double) -> Double { top + plotHeight - max(0, value) / yMax * plotHeight }

        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Daily demand and forecast\" class=\"chart\">"
        // Out-of-stock days first, as full-height columns behind everything.
        for (index, day) in history.enumerated() where day.censored {
            svg += "<rect x=\"\(f(left + Double(index) * dayWidth))\" y=\"\(f(top))\" width=\"\(f(max(1, dayWidth)))\" height=\"\(f(plotHeight))\" class=\"oos\">"
            svg += "<title>\(day.day): out of stock all day, demand censored (imputed \(Self.units(day.demand)))</title></rect>"
        }
        var tick = 0.0
        while tick <= yMax + step / 2 {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(tick)))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y(tick) + 4))\" class=\"axis\" text-anchor=\"end\">\(Self.units(tick))</text>"
            tick += step
        }
        // Interval bands (widest first), then the forecast mean.
        let offset = history.count
        for (rank, band) in bands.enumerated() {
            let upper = band.upper.indices.map { "\(f(x(offset + $0))),\(f(y(band.upper[$0])))" }
            let lower = band.lower.indices.reversed().map { "\(f(x(offset + $0))),\(f(y(band.lower[$0])))" }
            svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" class=\"band band\(rank)\"><title>\(Self.units(band.level))% interval</title></polygon>"
        }
        // The as-of line between history and forecast.
        if !history.isEmpty, !days.isEmpty {
            let boundary = left + Double(offset) * dayWidth
            svg += "<line x1=\"\(f(boundary))\" y1=\"\(f(top))\" x2=\"\(f(boundary))\" y2=\"\(f(top + plotHeight))\" class=\"asof\"/>"
            svg += "<text x=\"\(f(boundary + 4))\" y=\"\(f(top + 10))\" class=\"axis\">forecast →</text>"
        }
        if !history.isEmpty {
            let points = history.indices.map { "\(f(x($0))),\(f(y(history[$0].units)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" class=\"sold\"/>"
            for (index, day) in history.enumerated() where day.censored {
                svg += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(day.demand)))\" r=\"3\" class=\"imputed\"><title>\(day.day): imputed demand \(Self.units(day.demand))</title></circle>"
            }
        }
        if !mean.isEmpty {
            // Joined to the last day of history so the eye follows on.
            var points = mean.indices.map { "\(f(x(offset + $0))),\(f(y(mean[$0])))" }
            if let last = history.last { points.insert("\(f(x(offset - 1))),\(f(y(last.demand)))", at: 0) }
            svg += "<polyline points=\"\(points.joined(separator: " "))\" class=\"mean\"/>"
            for (index, day) in days.enumerated() {
                let ranges = bands.map { "\(Self.units($0.level))%: \(Self.units($0.lower[index]))–\(Self.units($0.upper[index]))" }
                let text = "\(day): expected \(Self.units(mean[index]))" + (ranges.isEmpty ? "" : " (" + ranges.joined(separator: ", ") + ")")
                svg += "<circle cx=\"\(f(x(offset + index)))\" cy=\"\(f(y(mean[index])))\" r=\"2\" class=\"mean-dot\"><title>\(HTML.escape(text))</title></circle>"
            }
        }
        // Day labels: about ten, on whole weeks from the first day.
        let every = max(7, Int((Double(total) / 10 / 7).rounded(.up)) * 7)
        let allDays = history.map(\.day) + days
        for index in stride(from: 0, to: total, by: every) {
            svg += "<text x=\"\(f(x(index)))\" y=\"\(f(height - 12))\" class=\"axis\" text-anchor=\"middle\">\(Self.dayLabel(allDays[index]))</text>"
        }
        return svg + "</svg>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// 1, 2 or 5 times a power of ten, at least `raw` (steps below one unit allowed).
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, floor(log10(max(raw, 1e-3))))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= raw { return factor * magnitude }
        return 10 * magnitude
    }

    /// Units with at most one decimal: "3", "2.5".
    static func units(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// "Mar 5".
    static func dayLabel(_ day: CivilDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[day.month - 1]) \(day.day)"
    }

    /// Chart styles, added to the dashboard's own.
    static let style = """
    .oos{fill:#f6d5cf;opacity:.75}.sold{fill:none;stroke:var(--accent);stroke-width:1.6}
    .imputed{fill:#fff;stroke:#b5473a;stroke-width:1.4}.mean{fill:none;stroke:#2d5b8a;stroke-width:2;stroke-dasharray:5 3}
    .mean-dot{fill:#2d5b8a}.band0{fill:#2d5b8a;opacity:.14}.band1{fill:#2d5b8a;opacity:.22}.asof{stroke:var(--muted);stroke-dasharray:2 3}
    .legend{display:flex;gap:16px;flex-wrap:wrap;color:var(--muted);font-size:12.5px;margin:4px 0 8px}
    .legend i{display:inline-block;width:14px;height:10px;margin-right:5px;vertical-align:middle;border-radius:2px}
    .legend .l-sold{background:var(--accent)}.legend .l-mean{background:#2d5b8a}.legend .l-band{background:#2d5b8a;opacity:.3}
    .legend .l-oos{background:#f6d5cf}.legend .l-imp{border:1.5px solid #b5473a;border-radius:50%;width:9px;height:9px}
    tr.selected td{background:#eef5f0}td a{color:var(--ink)}.fc .value{font-size:16px;overflow-wrap:anywhere}
    """
}
