/// A lasting change in what buyers want, from a given day: more or fewer orders, a different
/// product-type mix, bigger or smaller lines. Scenario demos use it to make a model's inputs drift.
///
/// ```swift
/// // From day 60 on, a third more orders, three times the equipment and less coffee.
/// DemandShift(startDay: 60, demandMultiplier: 1.3,
///             productTypeMultipliers: ["Brewing": 3.0, "Coffee": 0.6])
/// ```
///
/// The shift sits on top of the store's usual seasonality, promotions and growth: the
/// configuration's `averageOrdersPerDay` still describes the store without it, and days before
/// `startDay` are simulated from the same intensities as without the shift. Overlapping shifts
/// multiply.
public struct DemandShift: Sendable, Hashable {
    /// First day it applies, as a 0-based index from `SimulationConfiguration.startDate`.
    public var startDay: Int
    /// How many days it lasts; nil keeps it for the rest of the period.
    public var durationDays: Int?
    /// Multiplier on guest traffic and on returning customers' purchase frequency, online and POS.
    /// Sign-ups keep their own curve (the number of customers is `customerCount`), and a customer
    /// still visits at most once a day, so total orders move by a little less than this factor:
    /// ×2 gives about ×(2 − share of first orders) overall.
    public var demandMultiplier: Double
    /// Multiplier per product type ("Coffee", "Tea", "Mugs", "Brewing", "Filters", "Chocolate",
    /// "Gift Cards") on how often baskets pick its products; types not listed keep 1.
    public var productTypeMultipliers: [String: Double]
    /// Multiplier on the units of each basket line (mean; drawn with random rounding, at least 1).
    public var unitsPerLineMultiplier: Double

    public init(
        startDay: Int, durationDays: Int? = nil, demandMultiplier: Double = 1,
        productTypeMultipliers: [String: Double] = [:], unitsPerLineMultiplier: Double = 1
    ) {
        self.startDay = startDay; self.durationDays = durationDays; self.demandMultiplier = demandMultiplier
        self.productTypeMultipliers = productTypeMultipliers; self.unitsPerLineMultiplier = unitsPerLineMultiplier
    }

    /// True on the days (0-based indices) it applies to.
    public func isActive(onDay day: Int) -> Bool {
        guard day >= startDay else { return false }
        guard let durationDays else { return true }
        return day < startDay + durationDays
    }

    /// The first problem with it, naming the field, or nil when it is valid.
    func problem(days: Int) -> String? {
        if startDay < 0 || startDay >= days { return "demandShifts.startDay \(startDay) is outside 0..<\(days)" }
        if let durationDays, durationDays <= 0 { return "demandShifts.durationDays must be positive, got \(durationDays)" }
        if !(demandMultiplier >= 0) || !demandMultiplier.isFinite {
            return "demandShifts.demandMultiplier must be a finite number ≥ 0, got \(demandMultiplier)"
        }
        if !(unitsPerLineMultiplier > 0) || !unitsPerLineMultiplier.isFinite {
            return "demandShifts.unitsPerLineMultiplier must be a finite number > 0, got \(unitsPerLineMultiplier)"
        }
        for (type, factor) in productTypeMultipliers.sorted(by: { $0.key < $1.key }) {
            if !ProductKind.types.contains(type) {
                return "demandShifts.productTypeMultipliers has unknown type \"\(type)\" (known: \(ProductKind.types.joined(separator: ", ")))"
            }
            if !(factor >= 0) || !factor.isFinite {
                return "demandShifts.productTypeMultipliers[\"\(type)\"] must be a finite number ≥ 0, got \(factor)"
            }
        }
        return nil
    }
}
