/// What a merchant asked the policy to protect, before it becomes a `ServiceTarget`.
public enum ServiceChoice: Sendable, Hashable {
    /// P(no stockout in a replenishment cycle).
    case cycleServiceLevel(Double)
    /// Share of demand served from stock.
    case fillRate(Double)
    /// The newsvendor critical ratio from the item's margin and holding cost.
    case newsvendor

    /// The newsvendor ratio is clamped to this range: a 0 % margin would mean "never stock" and a
    /// tiny holding cost "never run out", neither of which a merchant means.
    public static let newsvendorRange: ClosedRange<Double> = 0.5...0.995

    /// The target for an item: for `.newsvendor`, c_u = price − cost (margin lost per unit short)
    /// and c_o = cost × annual holding rate × review days / 365 (carrying an extra unit one more
    /// cycle), ratio c_u / (c_u + c_o) clamped to `newsvendorRange`.
    public func target(unitPrice: Double, unitCost: Double, holdingCostRate: Double, reviewPeriodDays: Int) throws -> ServiceTarget {
        switch self {
        case .cycleServiceLevel(let p): return .cycleServiceLevel(p)
        case .fillRate(let beta): return .fillRate(beta)
        case .newsvendor:
            let underage = max(0, unitPrice - unitCost)
            let overage = unitCost * holdingCostRate * Double(reviewPeriodDays) / 365
            guard underage > 0, overage > 0 else {
                return .cycleServiceLevel(underage > 0 ? Self.newsvendorRange.upperBound : Self.newsvendorRange.lowerBound)
            }
            guard case .cycleServiceLevel(let ratio) = try ServiceTarget.newsvendor(underageCost: underage, overageCost: overage) else {
                throw ReplenishmentError.invalidParameter(name: "newsvendor", reason: "did not give a cycle service level")
            }
            return .cycleServiceLevel(min(Self.newsvendorRange.upperBound, max(Self.newsvendorRange.lowerBound, ratio)))
        }
    }
}
