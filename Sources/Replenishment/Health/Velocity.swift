/// Sales per in-stock day: stockouts create false zeros, so days out of stock are left out
/// (Inventory Planner's rule: 10 sold in a 30-day month with 15 days out of stock is 20/month).
///
/// Histories are arrays of days, oldest first, ending yesterday; the core never sees dates.
///
/// ```swift
/// let v = try Velocity.stockoutAdjusted(units: sold, inStock: available)   // last 28 days
/// let stocky = try Velocity.plain(units: sold)                            // last 30 days, every day counted
/// ```
public struct Velocity: Sendable, Hashable {
    /// Mean units sold per counted day.
    public var unitsPerDay: Double
    /// Days that counted: in-stock days for `stockoutAdjusted`, every day for `plain`.
    public var inStockDays: Int
    /// Length of the span the rate was taken over: the window (or the whole history when it is
    /// shorter), or the whole history when `fromLongerHistory`.
    public var windowDays: Int
    /// True when the window had no in-stock day and the rate comes from the whole history.
    public var fromLongerHistory: Bool

    public init(unitsPerDay: Double, inStockDays: Int, windowDays: Int, fromLongerHistory: Bool = false) {
        self.unitsPerDay = unitsPerDay; self.inStockDays = inStockDays; self.windowDays = windowDays
        self.fromLongerHistory = fromLongerHistory
    }

    /// Days of the span the item was out of stock (`windowDays − inStockDays`).
    public var outOfStockDays: Int { windowDays - inStockDays }

    /// Sales per in-stock day over the last `window` days of `units` / `inStock` (equal lengths, oldest first).
    ///
    /// `inStock[d]` says whether the item could be sold all of day d (stock at the start of the day
    /// above zero). Out-of-stock days are left out of both the sum and the count, sales on them
    /// included: with stock gone they are backorders or a sell-out's tail, not a full day's demand.
    ///
    /// When every day of the window was out of stock, the rate is taken over the in-stock days of the
    /// whole history instead (`fromLongerHistory`, `windowDays` = history length): the last known
    /// selling rate is a better guess of the demand being lost than zero. When the item was never in
    /// stock, or the history is empty, the velocity is 0 with 0 in-stock days.
    /// - Throws: `ReplenishmentError.invalidParameter` naming `window`, `inStock` (length) or `units[i]`
    ///   (NaN, infinite or negative).
    public static func stockoutAdjusted(units: [Double], inStock: [Bool], window: Int = 28) throws -> Velocity {
        guard window >= 1 else {
            throw ReplenishmentError.invalidParameter(name: "window", reason: "must be at least 1 day, got \(window)")
        }
        guard inStock.count == units.count else {
            throw ReplenishmentError.invalidParameter(
                name: "inStock", reason: "has \(inStock.count) days but units has \(units.count)")
        }
        try validateUnits(units)
        let start = max(0, units.count - window)
        let recent = inStockRate(units, inStock, from: start)
        if recent.days > 0 || units.isEmpty {
            return Velocity(unitsPerDay: recent.rate, inStockDays: recent.days, windowDays: units.count - start)
        }
        let whole = inStockRate(units, inStock, from: 0)
        return Velocity(
            unitsPerDay: whole.rate, inStockDays: whole.days, windowDays: units.count, fromLongerHistory: true)
    }

    /// Stocky's rule: the plain mean of the last `window` days' sales (default 30), stockout days included.
    ///
    /// A history shorter than the window is averaged over the days it has. Every day counts as a
    /// selling day, so `inStockDays == windowDays`.
    /// - Throws: `ReplenishmentError.invalidParameter` naming `window` or `units[i]`.
    public static func plain(units: [Double], window: Int = 30) throws -> Velocity {
        guard window >= 1 else {
            throw ReplenishmentError.invalidParameter(name: "window", reason: "must be at least 1 day, got \(window)")
        }
        try validateUnits(units)
        let days = min(window, units.count)
        guard days > 0 else { return Velocity(unitsPerDay: 0, inStockDays: 0, windowDays: 0) }
        let sum = units[(units.count - days)...].reduce(0, +)
        return Velocity(unitsPerDay: sum / Double(days), inStockDays: days, windowDays: days)
    }

    /// Sum of units over in-stock days from `start` to the end, divided by their count (0 when none).
    private static func inStockRate(_ units: [Double], _ inStock: [Bool], from start: Int) -> (rate: Double, days: Int) {
        var sum = 0.0, days = 0
        for d in start..<units.count where inStock[d] {
            sum += units[d]; days += 1
        }
        return (days > 0 ? sum / Double(days) : 0, days)
    }

    private static func validateUnits(_ units: [Double]) throws {
        if let i = units.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw ReplenishmentError.invalidParameter(
                name: "units[\(i)]", reason: "must be a finite number ≥ 0, got \(units[i])")
        }
    }
}
