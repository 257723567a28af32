/// A stored daily forecast as replenishment reads it: per-day means and interval bounds.
///
/// `lower[d][k]` and `upper[d][k]` are the bounds of day `d` (0 = the day after the as-of day)
/// at `levels[k]` percent. An empty forecast means the item has no forecast (it never sold).
public struct DailyForecast: Sendable, Hashable {
    public var means: [Double]
    public var lower: [[Double]]
    public var upper: [[Double]]
    public var levels: [Double]

    public init(means: [Double], lower: [[Double]], upper: [[Double]], levels: [Double]) {
        self.means = means; self.lower = lower; self.upper = upper; self.levels = levels
    }

    /// No forecast: planned from stock and settings alone.
    public static let none = DailyForecast(means: [], lower: [], upper: [], levels: [])

    public var isEmpty: Bool { means.isEmpty }

    /// Expected units over the first `days` days, repeating the last week past the horizon (as
    /// the lead-time builder does), with a fractional last day.
    public func expectedUnits(days: Double) -> Double {
        guard !means.isEmpty, days > 0 else { return 0 }
        var total = 0.0
        var remaining = days
        var day = 0
        while remaining > 0 {
            let index = day < means.count ? day : means.count - min(7, means.count) + (day - means.count) % min(7, means.count)
            total += means[index] * min(1, remaining)
            remaining -= 1
            day += 1
        }
        return total
    }

    /// Every bound moved `factor` times as far from its day's mean (so the variance the
    /// lead-time builder reads grows by factor²), floored at zero like demand, the upper bound
    /// never below the lower one (with factor 1 only the zero floor applies).
    public func widened(by factor: Double) -> DailyForecast {
        var copy = self
        for d in means.indices {
            let mean = means[d]
            for k in lower[d].indices {
                let low = max(0, mean - factor * (mean - lower[d][k]))
                copy.lower[d][k] = low
                copy.upper[d][k] = max(low, mean + factor * (upper[d][k] - mean))
            }
        }
        return copy
    }
}
