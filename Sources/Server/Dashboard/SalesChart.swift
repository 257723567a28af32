import Commerce
import Foundation
import Storage

/// An inline SVG chart of weekly revenue with order counts, drawn on the server (no JavaScript).
struct SalesChart {
    var days: [SalesDay]
    var currency: String
    var width = 960.0
    var height = 300.0

    /// One bar: the week starting `start` (a shop-local day).
    struct Week {
        var start: String
        var revenueMinor: Int64 = 0
        var orders = 0
        var posOrders = 0
    }

    /// Buckets days into consecutive 7-day weeks from the first day, so gaps stay visible as empty bars.
    func weeks() -> [Week] {
        guard let first = days.first.flatMap({ CivilDate($0.day)?.dayNumber }) else { return [] }
        var result: [Week] = []
        for day in days {
            guard let number = CivilDate(day.day)?.dayNumber else { continue }
            let index = (number - first) / 7
            while result.count <= index {
                result.append(Week(start: CivilDate(dayNumber: first + result.count * 7).description))
            }
            result[index].revenueMinor += day.revenueMinor
            result[index].orders += day.orders
            result[index].posOrders += day.posOrders
        }
        return result
    }

    func svg() -> String {
        let weeks = weeks()
        guard !weeks.isEmpty else {
            return "<p class=\"empty\">No sales yet. Orders appear here as soon as webhooks or an import bring them in.</p>"
        }
        let left = 64.0, right = 16.0, top = 16.0, bottom = 36.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxRevenue = max(1.0, Double(weeks.map(\.revenueMinor).max() ?? 1) / 100)
        let step = niceStep(maxRevenue / 4)
        let yMax = (maxRevenue / step).rounded(.up) * step
        let barWidth = plotWidth / Double(weeks.count)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Weekly revenue\" class=\"chart\">"
        // Grid and y axis labels.
        var tick = 0.0
        while tick <= yMax + step / 2 {
            let y = top + plotHeight - tick / yMax * plotHeight
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" class=\"axis\" text-anchor=\"end\">\(MoneyFormat.compact(tick))</text>"
            tick += step
        }
        // Bars, with the POS share of orders drawn as a darker foot.
        for (index, week) in weeks.enumerated() {
            let revenue = Double(week.revenueMinor) / 100
            let barHeight = revenue / yMax * plotHeight
            let x = left + Double(index) * barWidth
            let y = top + plotHeight - barHeight
            let posShare = week.orders > 0 ? Double(week.posOrders) / Double(week.orders) : 0
            let title = "Week of \(week.start): \(MoneyFormat.whole(week.revenueMinor, currency: currency)), \(week.orders) orders (\(week.posOrders) POS)"
            svg += "<g><title>\(HTML.escape(title))</title>"
            svg += "<rect x=\"\(f(x + 0.5))\" y=\"\(f(y))\" width=\"\(f(max(1, barWidth - 1)))\" height=\"\(f(barHeight))\" class=\"bar\"/>"
            svg += "<rect x=\"\(f(x + 0.5))\" y=\"\(f(top + plotHeight - barHeight * posShare))\" width=\"\(f(max(1, barWidth - 1)))\" height=\"\(f(barHeight * posShare))\" class=\"bar-pos\"/></g>"
        }
        // Month labels on the x axis, at most about twelve.
        let labelEvery = max(1, weeks.count / 12)
        for (index, week) in weeks.enumerated() where index % labelEvery == 0 {
            let x = left + (Double(index) + 0.5) * barWidth
            svg += "<text x=\"\(f(x))\" y=\"\(f(height - 12))\" class=\"axis\" text-anchor=\"middle\">\(Self.monthLabel(week.start))</text>"
        }
        svg += "</svg>"
        return svg
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    private func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, floor(log10(max(raw, 1))))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= raw { return factor * magnitude }
        return 10 * magnitude
    }

    static func monthLabel(_ day: String) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = day.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month) else { return day }
        return "\(months[month - 1]) \(parts[0].suffix(2))"
    }
}
