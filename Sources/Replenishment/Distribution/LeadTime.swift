/// Lead time in days, optionally random.
///
/// A random lead time widens lead-time demand: σ²_DL = E[L]·σ_d² + d̄²·σ_L² (Chopra & Meindl,
/// *Supply Chain Management*, §12 "safety inventory with uncertain lead time"; reference notes §3.2).
public struct LeadTime: Sendable, Hashable {
    /// E[L], days.
    public var meanDays: Double
    /// σ_L, days (0 for a fixed lead time).
    public var standardDeviationDays: Double

    public init(meanDays: Double, standardDeviationDays: Double = 0) {
        self.meanDays = meanDays
        self.standardDeviationDays = standardDeviationDays
    }

    /// Throws when either field is negative or not finite.
    public func validate() throws {
        try Check.nonNegative(meanDays, "leadTime.meanDays")
        try Check.nonNegative(standardDeviationDays, "leadTime.standardDeviationDays")
    }
}
