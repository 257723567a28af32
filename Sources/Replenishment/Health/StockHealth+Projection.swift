extension StockHealth {
    /// Latest replenish-by day reported; a later one is "not within the horizon" (nil).
    public static let replenishByHorizonDays = 365

    /// Days the position lasts at the daily forecast, with a fractional last day.
    ///
    /// Walks day 1, 2, … taking each day's mean demand from the position; beyond the forecast the last
    /// 7 days repeat (the weekly profile), or the whole forecast when it is shorter than a week. On the
    /// day the demand reaches what is left, cover = full days before it + left / that day's demand.
    /// A position ≤ 0 has 0 days of cover; nil when the forecast expects no more sales (all zero, or
    /// a zero repeated week after the stock outlasts the forecast).
    /// Inputs as checked by `HealthInputs.validate()`.
    public static func daysOfCover(position: Int, dailyForecast f: [Double]) -> Double? {
        guard position > 0 else { return 0 }
        var left = Double(position)
        for d in f.indices {
            if f[d] >= left { return Double(d) + left / f[d] }
            left -= f[d]
        }
        let tail = min(7, f.count)
        let week = f.suffix(tail).reduce(0, +)
        guard week > 0 else { return nil }
        // Skip whole repeated weeks arithmetically (a slow mover can have years of cover), keeping one
        // spare week so the day-by-day walk below ends inside the next two.
        let skipped = max(0, (left / week).rounded(.down) - 1)
        left -= skipped * week
        var day = Double(f.count) + skipped * Double(tail)
        guard left > 0 else { return day }  // rounding in the skip for an extreme position/demand ratio
        while true {
            for k in (f.count - tail)..<f.count {
                if f[k] >= left { return day + left / f[k] }
                left -= f[k]; day += 1
            }
        }
    }

    /// Last day index (0 = today) to place an order that arrives before the projected position falls below
    /// safety stock.
    ///
    /// The projected position after day t is position − Σ demand of days 1…t (today's position for t = 0;
    /// the forecast repeats its last week beyond its end, as in `daysOfCover`). With t the first day it is
    /// below `safetyStock`, the order must go out by ⌊t − leadTimeDays⌋; a negative day is overdue.
    /// Nil when that day would be later than `replenishByHorizonDays` (365) or the position never falls below.
    /// Prediko calls this the Best Order Date, Inventory Planner the Replenish date.
    /// Inputs as checked by `HealthInputs.validate()`.
    public static func replenishByDay(
        position: Int, safetyStock: Double, leadTimeDays: Double, dailyForecast f: [Double]
    ) -> Int? {
        var projected = Double(position)
        var t = 0
        while (Double(t) - leadTimeDays).rounded(.down) <= Double(replenishByHorizonDays) {
            if t > 0 { projected -= demand(f, day: t) }
            if projected < safetyStock { return Int((Double(t) - leadTimeDays).rounded(.down)) }
            t += 1
        }
        return nil
    }

    /// Mean demand of day `day` (1 = tomorrow): the forecast, then its last week repeated; 0 without a forecast.
    static func demand(_ f: [Double], day: Int) -> Double {
        if day <= f.count { return f[day - 1] }
        let tail = min(7, f.count)
        guard tail > 0 else { return 0 }
        return f[f.count - tail + (day - f.count - 1) % tail]
    }
}
