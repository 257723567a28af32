/// What the policy protects: a cycle service level, a fill rate, or the newsvendor ratio.
public enum ServiceTarget: Sendable, Hashable {
    /// P(no stockout per replenishment cycle), in (0, 1).
    case cycleServiceLevel(Double)
    /// Share of demand served from stock, in (0, 1).
    case fillRate(Double)

    /// The newsvendor critical ratio c_u / (c_u + c_o) as a cycle service level, with c_u the unit
    /// margin lost by a stockout and c_o the cost of holding a unit one cycle (reference notes §3.2,
    /// "choosing the service level"). Margin 6, holding 2 → 0.75.
    public static func newsvendor(underageCost: Double, overageCost: Double) throws -> ServiceTarget {
        try Check.positive(underageCost, "underageCost")
        try Check.positive(overageCost, "overageCost")
        let ratio = underageCost / (underageCost + overageCost)
        try Check.probability(ratio, "underageCost / (underageCost + overageCost)")
        return .cycleServiceLevel(ratio)
    }

    /// Throws when the level is not strictly inside (0, 1).
    public func validate() throws {
        switch self {
        case let .cycleServiceLevel(level): try Check.probability(level, "cycleServiceLevel")
        case let .fillRate(level): try Check.probability(level, "fillRate")
        }
    }
}
