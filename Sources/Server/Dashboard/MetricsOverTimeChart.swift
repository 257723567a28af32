import Foundation

/// An inline SVG line chart of values over time: one line per series (a version's holdout
/// metric, its live accuracy, the drifted share of columns), drawn on the server.
struct MetricsOverTimeChart {
    struct Point {
        var at: Date
        var value: Double
        /// Shown on hover.
        var note: String
    }

    struct Series {
        var name: String
        var points: [Point]
        /// Palette index; dashed lines are for estimates made before release (holdout).
        var color: Int
        var dashed = false
        /// Points only, no line (a line between versions' holdouts would suggest a trend in time).
        var pointsOnly = false
    }

    var series: [Series]
    var label: String
    /// Fixes the y axis at 0…1 (shares).
    var unitRange = false
    var width = 960.0
    var height = 280.0

    static let palette = ["#2d5b8a", "#2f6f4e", "#b5473a", "#8a5a00", "#6b4c9a", "#1f7a8c", "#a23b72", "#4d4d4d"]

    func svg() -> String {
        let all = series.flatMap(\.points).filter { $0.value.isFinite }
        guard let first = all.map(\.at).min(), let last = all.map(\.at).max() else {
            return "<p class=\"empty\">Nothing measured yet.</p>"
        }
        let left = 56.0, right = 16.0, top = 14.0, bottom = 34.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let span = max(last.timeIntervalSince(first), 86_400)
        let values = all.map(\.value)
        var low = unitRange ? 0 : min(0, values.min() ?? 0)
        var high = unitRange ? 1 : max(values.max() ?? 1, low + 1e-9)
        if !unitRange {
            let step = ForecastChart.niceStep((high - low) / 4)
            high = (high / step).rounded(.up) * step
            low = (low / step).rounded(.down) * step
        }
        func x(_ date: Date) -> Double {
            all.count == 1 || first == last ? left + plotWidth / 2 : left + date.timeIntervalSince(first) / span * plotWidth
        }
        func y(_ value: Double) -> Double { top + plotHeight - (value - low) / (high - low) * plotHeight }

        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\" class=\"chart\">"
        for k in 0...4 {
            let value = low + (high - low) * Double(k) / 4
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(value)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(value)))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y(value) + 4))\" class=\"axis\" text-anchor=\"end\">\(Self.number(value))</text>"
        }
        for line in series {
            let color = Self.palette[line.color % Self.palette.count]
            let points = line.points.filter { $0.value.isFinite }.sorted { $0.at < $1.at }
            if points.count > 1, !line.pointsOnly {
                let path = points.map { "\(f(x($0.at))),\(f(y($0.value)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"\(line.dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
            }
            for point in points {
                svg += "<circle cx=\"\(f(x(point.at)))\" cy=\"\(f(y(point.value)))\" r=\"\(line.pointsOnly ? 4 : 3)\" fill=\"\(color)\">"
                svg += "<title>\(HTML.escape("\(line.name): \(point.note)"))</title></circle>"
            }
        }
        // Dates at the ends and the middle.
        let formatter = DateFormatter()
        formatter.dateFormat = "MMM d"
        formatter.timeZone = .gmt
        for (fraction, anchor) in [(0.0, "start"), (0.5, "middle"), (1.0, "end")] where first != last || fraction == 0.5 {
            let date = first.addingTimeInterval(span * fraction)
            svg += "<text x=\"\(f(left + plotWidth * fraction))\" y=\"\(f(height - 12))\" class=\"axis\" text-anchor=\"\(anchor)\">\(formatter.string(from: date))</text>"
        }
        return svg + "</svg>" + legend()
    }

    private func legend() -> String {
        var html = "<div class=\"legend\">"
        for line in series {
            let color = Self.palette[line.color % Self.palette.count]
            html += "<span><i style=\"background:\(color)\(line.dashed ? ";opacity:.6" : "")\"></i>\(HTML.escape(line.name))</span>"
        }
        return html + "</div>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A few significant digits: "0.912", "12.5", "1204"; tiny values (p-values) as "4.0e-04".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let magnitude = abs(value)
        if magnitude > 0, magnitude < 0.001 { return String(format: "%.1e", value) }
        if magnitude >= 1000 { return String(format: "%.0f", value) }
        if magnitude >= 100 { return String(format: "%.1f", value) }
        if magnitude >= 1 || magnitude == 0 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }
}
