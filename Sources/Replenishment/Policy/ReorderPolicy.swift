import Foundation

/// Periodic-review (R, s, S) policy for one item.
///
/// The next order after one placed now arrives L + R days later, so the reorder point covers the
/// protection interval: s = F⁻¹ of D over L + R at the service level (then the `minimumStock`
/// floor, then the `reorderPointOverride`); S = s when sizing is up-to-level, s + EOQ (rounded to
/// the case pack and MOQ) with EOQ sizing; S, and s with it, capped by `maximumStock`. When the
/// position is below s the suggestion is S − position, rounded up to the case pack and MOQ, and
/// never beyond `maximumStock` (then rounded down to the case pack, with a note); else 0.
/// Safety stock = s − E[D over L + R]; stockout risk = P(D over L > position).
///
/// ```swift
/// let policy = ReorderPolicy(target: .cycleServiceLevel(0.95), constraints: OrderConstraints(casePack: 12))
/// let decision = try policy.decide(leadTime: overL, protection: overLR, reviewDemandMean: 70,
///                                  annualDemand: 3650, position: 40)
/// decision.suggestedQuantity   // a whole number of cases
/// ```
public struct ReorderPolicy: Sendable, Hashable {
    public var target: ServiceTarget
    public var sizing: OrderSizing
    public var constraints: OrderConstraints

    public init(target: ServiceTarget, sizing: OrderSizing = .upToLevel, constraints: OrderConstraints = OrderConstraints()) {
        self.target = target
        self.sizing = sizing
        self.constraints = constraints
    }

    /// The policy numbers for one item.
    ///
    /// - Parameters:
    ///   - leadTime: demand over L (gives the stockout risk of the current position).
    ///   - protection: demand over L + R (gives s).
    ///   - reviewDemandMean: E[demand over R], the demand per cycle a fill rate is measured on.
    ///   - annualDemand: units per year, for EOQ sizing.
    ///   - position: on hand + on order − committed.
    public func decide(leadTime: LeadTimeDemand, protection: LeadTimeDemand, reviewDemandMean: Double,
                       annualDemand: Double, position: Int) throws -> PolicyDecision {
        try target.validate()
        try constraints.validate()
        try Self.validate(leadTime, "leadTime")
        try Self.validate(protection, "protection")
        try Check.nonNegative(reviewDemandMean, "reviewDemandMean")
        try Check.nonNegative(annualDemand, "annualDemand")
        var notes: [String] = []

        // 1. The reorder point from the service target.
        var level: Double
        var rawPoint: Double
        switch target {
        case let .cycleServiceLevel(csl):
            level = csl
            rawPoint = protection.quantile(csl)
        case let .fillRate(beta):
            if reviewDemandMean > 0 {
                rawPoint = try FillRateSearch.reorderPoint(fillRate: beta, leadTime: leadTime, protection: protection,
                                                           cycleDemand: reviewDemandMean)
                level = protection.cdf(rawPoint)
            } else {
                // No demand per cycle: a fill rate is undefined, so protect β as a cycle service level.
                level = beta
                rawPoint = protection.quantile(beta)
                notes.append("no demand per review period: fill rate \(Self.percent(beta)) used as cycle service level")
            }
        }
        var s = Self.integer(rawPoint.rounded(.up))

        // 2. Merchant floors and overrides.
        if let minimumStock = constraints.minimumStock, s < minimumStock {
            notes.append("reorder point \(s) → \(minimumStock) (minimum stock)")
            s = minimumStock
        }
        if let override = constraints.reorderPointOverride {
            notes.append("reorder point set to \(override) (override)")
            s = override
        }

        // 3. Order-up-to level.
        var S = s
        if case let .economicOrderQuantity(orderCost, holding) = sizing {
            let eoq = try SafetyStockFormulas.economicOrderQuantity(annualDemand: annualDemand, orderCost: orderCost,
                                                                    holdingCostPerUnitYear: holding)
            let lot = constraints.round(max(1, Self.integer(eoq.rounded())))
            S = s + lot
            notes.append("EOQ \(Int(eoq.rounded())) → lot \(lot)")
        }
        if let minimumStock = constraints.minimumStock, S < minimumStock { S = minimumStock }
        if let maximumStock = constraints.maximumStock {
            if S > maximumStock {
                notes.append("order-up-to \(S) → \(maximumStock) (max stock)")
                S = maximumStock
            }
            if s > maximumStock {
                notes.append("reorder point \(s) → \(maximumStock) (max stock)")
                s = maximumStock
            }
        }

        // 4. The suggestion.
        var quantity = 0
        if position < s {
            let rounded = constraints.rounded(S - position)
            quantity = rounded.quantity
            notes += rounded.notes
            if let maximumStock = constraints.maximumStock, position + quantity > maximumStock {
                let pack = constraints.casePack
                let room = max(0, maximumStock - position) / pack * pack
                notes.append("order \(quantity) → \(room) (max stock \(maximumStock)\(pack > 1 ? ", case pack \(pack)" : ""))")
                if room > 0 && room < constraints.minimumOrderQuantity {
                    notes.append("below MOQ \(constraints.minimumOrderQuantity)")
                }
                quantity = room
            }
        }

        return PolicyDecision(
            serviceLevel: level,
            distribution: protection.kind,
            leadTimeDemandMean: protection.mean,
            safetyStock: Double(s) - protection.mean,
            reorderPoint: s,
            orderUpTo: S,
            suggestedQuantity: quantity,
            stockoutRisk: max(0, 1 - leadTime.cdf(Double(position))),
            notes: notes)
    }

    static func validate(_ demand: LeadTimeDemand, _ name: String) throws {
        try Check.nonNegative(demand.mean, "\(name).mean")
        try Check.nonNegative(demand.variance, "\(name).variance")
    }

    /// A non-negative Int from a rounded Double, bounded so absurd inputs cannot trap.
    static func integer(_ x: Double) -> Int {
        guard x.isFinite else { return x > 0 ? 1 << 40 : 0 }
        return Int(min(max(0, x), Double(1 << 40)))
    }

    static func percent(_ x: Double) -> String {
        let p = (x * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p)) %" : "\(p) %"
    }
}
