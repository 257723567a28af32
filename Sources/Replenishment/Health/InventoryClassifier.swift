/// Value class: A items make most of the revenue, C items little.
public enum ABCClass: String, Sendable, Hashable, Codable, CaseIterable { case a = "A", b = "B", c = "C" }

/// Demand-variability class: X steady, Y variable, Z erratic or without demand.
public enum XYZClass: String, Sendable, Hashable, Codable, CaseIterable { case x = "X", y = "Y", z = "Z" }

/// ABC by value share (Pareto: the items making the first 80 % of revenue are A, the next 15 % B, the rest C;
/// thresholds configurable; Stocky grades on the last 8 weeks of sales). XYZ by the coefficient of variation of
/// weekly demand (X < 0.5, Y < 1.0, Z otherwise; configurable; no demand → Z).
///
/// ```swift
/// let abc = try InventoryClassifier.abc(values: revenueLast8Weeks)
/// let xyz = try InventoryClassifier.xyz(weeklyDemand: daily.map { try InventoryClassifier.weeklyTotals($0) })
/// ```
public enum InventoryClassifier {
    /// ABC classes for `values` (revenue per item, ≥ 0), in the input order.
    ///
    /// Items are ranked by value, highest first (equal values keep their input order). An item's class
    /// is set by the cumulative share of the items ranked *before* it: A while that share is below
    /// `aShare`, B while below `bShare`, C otherwise. So the item that crosses a threshold belongs to the
    /// class it crosses out of: the top item is always A, even when it alone is 90 % of revenue.
    /// Example, values 50, 30, 10, 5, 3, 2: shares before are 0, 50, 80, 90, 95, 98 % → A A B B C C.
    /// With no revenue at all every item is C.
    /// - Throws: `ReplenishmentError.invalidParameter` naming `values[i]` (NaN, infinite, negative),
    ///   `aShare` or `bShare` (need 0 < aShare ≤ bShare ≤ 1).
    public static func abc(values: [Double], aShare: Double = 0.8, bShare: Double = 0.95) throws -> [ABCClass] {
        guard aShare.isFinite, aShare > 0, aShare <= 1 else {
            throw ReplenishmentError.invalidParameter(name: "aShare", reason: "must lie in (0, 1], got \(aShare)")
        }
        guard bShare.isFinite, bShare >= aShare, bShare <= 1 else {
            throw ReplenishmentError.invalidParameter(
                name: "bShare", reason: "must lie in [aShare, 1] = [\(aShare), 1], got \(bShare)")
        }
        if let i = values.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw ReplenishmentError.invalidParameter(
                name: "values[\(i)]", reason: "must be a finite number ≥ 0, got \(values[i])")
        }
        var classes = [ABCClass](repeating: .c, count: values.count)
        let total = values.reduce(0, +)
        guard total > 0 else { return classes }
        let ranked = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        var before = 0.0
        for i in ranked {
            // Divide rather than compare with aShare·total: 80/100 rounds to the same double as 0.8,
            // so a share exactly on a threshold compares as equal.
            let share = before / total
            classes[i] = share < aShare ? .a : share < bShare ? .b : .c
            before += values[i]
        }
        return classes
    }

    /// XYZ classes from each item's weekly demand (one array of weeks per item, any length).
    ///
    /// CV = population standard deviation / mean of the weeks (divide by n, as `DemandPattern`'s CV²
    /// does). X when CV < `xLimit`, Y when CV < `yLimit`, Z otherwise; an item with no weeks or no
    /// demand is Z.
    /// - Throws: `ReplenishmentError.invalidParameter` naming `weeklyDemand[i][j]`, `xLimit` or `yLimit`
    ///   (need 0 < xLimit ≤ yLimit, finite).
    public static func xyz(weeklyDemand: [[Double]], xLimit: Double = 0.5, yLimit: Double = 1.0) throws -> [XYZClass] {
        guard xLimit.isFinite, xLimit > 0 else {
            throw ReplenishmentError.invalidParameter(name: "xLimit", reason: "must be a finite number > 0, got \(xLimit)")
        }
        guard yLimit.isFinite, yLimit >= xLimit else {
            throw ReplenishmentError.invalidParameter(
                name: "yLimit", reason: "must be a finite number ≥ xLimit (\(xLimit)), got \(yLimit)")
        }
        return try weeklyDemand.enumerated().map { i, weeks in
            if let j = weeks.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw ReplenishmentError.invalidParameter(
                    name: "weeklyDemand[\(i)][\(j)]", reason: "must be a finite number ≥ 0, got \(weeks[j])")
            }
            guard let cv = coefficientOfVariation(weeks) else { return .z }
            return cv < xLimit ? .x : cv < yLimit ? .y : .z
        }
    }

    /// Population standard deviation over mean; nil for no weeks or a zero mean.
    public static func coefficientOfVariation(_ weeks: [Double]) -> Double? {
        guard !weeks.isEmpty else { return nil }
        let n = Double(weeks.count)
        let mean = weeks.reduce(0, +) / n
        guard mean > 0 else { return nil }
        let variance = weeks.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return variance.squareRoot() / mean
    }

    /// Totals of the last `weeks` whole weeks of a daily history (oldest first, ending yesterday).
    ///
    /// Weeks are counted back from the last day, so the newest week ends yesterday; days before the
    /// oldest whole week are left out, and a history shorter than `weeks` weeks gives fewer totals.
    /// The default of 8 weeks is Stocky's ABC sample.
    /// - Throws: `ReplenishmentError.invalidParameter` naming `weeks` (< 1) or `daily[i]` (not finite).
    public static func weeklyTotals(_ daily: [Double], weeks: Int = 8) throws -> [Double] {
        guard weeks >= 1 else {
            throw ReplenishmentError.invalidParameter(name: "weeks", reason: "must be at least 1, got \(weeks)")
        }
        if let i = daily.firstIndex(where: { !$0.isFinite }) {
            throw ReplenishmentError.invalidParameter(name: "daily[\(i)]", reason: "must be a finite number, got \(daily[i])")
        }
        let count = min(weeks, daily.count / 7)
        let start = daily.count - 7 * count
        return (0..<count).map { w in daily[(start + 7 * w)..<(start + 7 * w + 7)].reduce(0, +) }
    }
}
