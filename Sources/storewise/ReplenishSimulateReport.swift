import Foundation
import Replenishment

/// One data set × lead time of `storewise replenish simulate`: a row per rule and the
/// comparison of Storewise's inventory/fill-rate frontier with Stocky's rule.
struct ReplenishSimulateReport {
    struct Row {
        var rule: String
        /// Target cycle service level for Storewise rows, nil for the baselines.
        var target: Double?
        /// Whether the row is one of the reported targets (not only a frontier point).
        var reported: Bool
        var metrics: SimulationMetrics
    }

    var dataset: String
    var leadTime: Int
    var review: Int
    var days: Int
    var seriesCount: Int
    var seconds: Double
    /// Storewise's interval spread factor, and its calibration when it was fitted.
    var spreadFactor: Double
    var calibration: [String: Any]?
    var rows: [Row]

    /// Storewise's points (average on-hand value, fill rate) over every service level run.
    var frontier: ServiceFrontier {
        ServiceFrontier(rows.filter { $0.target != nil }.map { (inventory: $0.metrics.averageOnHandValue, fillRate: $0.metrics.fillRate) })
    }

    /// A baseline's pooled metrics, by the start of its rule name.
    func baseline(_ prefix: String) -> SimulationMetrics? { rows.first { $0.rule.hasPrefix(prefix) }?.metrics }

    /// Storewise's fill rate at the baseline's average on-hand value, and the on-hand value
    /// Storewise needs for the baseline's fill rate (nil outside the traced frontier).
    func compare(_ other: SimulationMetrics) -> (fillAtValue: Double?, valueAtFill: Double?) {
        (frontier.fillRate(atInventory: other.averageOnHandValue), frontier.inventory(atFillRate: other.fillRate))
    }

    static let baselines = [("Stocky", "comparison"), ("Fixed max", "comparison_fixed_max")]

    /// The human-readable table.
    var table: String {
        var lines = ["\(dataset) · lead time \(leadTime) d · review \(review) d · last \(days) days · \(seriesCount) series · spread \(spreadFactor) · \(String(format: "%.1f", seconds)) s"]
        lines.append(pad("rule", 22) + lpad("target", 8) + lpad("CSL", 8) + lpad("fill", 8) + lpad("avg units", 11)
            + lpad("avg value", 12) + lpad("stockout d", 12) + lpad("orders", 8) + lpad("cycles", 8))
        for row in rows {
            let m = row.metrics
            let target = row.target.map { percent($0) } ?? "—"
            lines.append(pad(row.rule + (row.reported ? "" : " ·"), 22) + lpad(target, 8) + lpad(percent(m.cycleServiceLevel), 8)
                + lpad(percent(m.fillRate), 8) + lpad(String(format: "%.1f", m.averageOnHandUnits), 11)
                + lpad(String(format: "%.2f", m.averageOnHandValue), 12) + lpad("\(m.stockoutDays)", 12)
                + lpad("\(m.orders)", 8) + lpad("\(m.cycles)", 8))
        }
        for (prefix, _) in Self.baselines {
            guard let other = baseline(prefix) else { continue }
            let c = compare(other)
            let fill = c.fillAtValue.map { "\(percent($0)) (\(signed(($0 - other.fillRate) * 100)) points)" } ?? "outside the traced levels"
            let value = c.valueAtFill.map {
                "\(String(format: "%.2f", $0)) (\(signed(($0 / other.averageOnHandValue - 1) * 100)) %)"
            } ?? "outside the traced levels"
            lines.append("\(prefix) holds \(String(format: "%.2f", other.averageOnHandValue)) on hand for a \(percent(other.fillRate)) fill rate. "
                + "Storewise (interpolated between its service levels): fill rate \(fill) at that value; value \(value) at that fill rate.")
        }
        lines.append("(· = frontier point, not a reported target; CSL over whole cycles [t_k + L, t_k+1 + L))")
        return lines.joined(separator: "\n")
    }

    /// One JSON object (a line) for scripts.
    var json: String {
        var object: [String: Any] = [
            "dataset": dataset, "lead_time": leadTime, "review": review, "days": days, "series": seriesCount,
            "seconds": seconds, "spread_factor": spreadFactor,
            "rows": rows.map { row -> [String: Any] in
                let m = row.metrics
                var r: [String: Any] = [
                    "rule": row.rule, "reported": row.reported, "csl": m.cycleServiceLevel, "fill_rate": m.fillRate,
                    "avg_units": m.averageOnHandUnits, "avg_value": m.averageOnHandValue, "stockout_days": m.stockoutDays,
                    "orders": m.orders, "cycles": m.cycles, "stockout_cycles": m.stockoutCycles,
                    "demanded": m.demandedUnits, "served": m.servedUnits,
                ]
                if let target = row.target { r["target"] = target }
                return r
            },
        ]
        if let calibration { object["calibration"] = calibration }
        for (prefix, key) in Self.baselines {
            guard let other = baseline(prefix) else { continue }
            let comparison = compare(other)
            var c: [String: Any] = ["baseline_value": other.averageOnHandValue, "baseline_fill": other.fillRate]
            if let f = comparison.fillAtValue { c["storewise_fill_at_baseline_value"] = f }
            if let v = comparison.valueAtFill { c["storewise_value_at_baseline_fill"] = v }
            object[key] = c
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    private func signed(_ x: Double) -> String { String(format: "%+.1f", x) }
    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    private func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s }
}
