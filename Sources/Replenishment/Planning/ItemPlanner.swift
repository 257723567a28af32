import Forecasting

/// Plans one variant × location: lead-time demand from its forecast, the (R, s, S) policy at
/// its service target, stock health, and the reason for the suggestion in words.
///
/// Pure and allocation-light: a shop's 100,000 items are planned by calling it on worker
/// threads. An item without a forecast (it never sold) keeps only its settings' floor (minimum
/// stock) and is judged on its stock alone (dead stock when it holds units).
public enum ItemPlanner {
    /// Days of history the intermittency class (SBC) is judged on.
    static let patternWindow = 365

    public static func plan(_ input: ItemPlanInput) throws -> ItemPlan {
        guard input.history.count == input.inStock.count else {
            throw ReplenishmentError.invalidParameter(name: "inStock", reason: "has \(input.inStock.count) days, history has \(input.history.count)")
        }
        guard input.reviewPeriodDays >= 1 else {
            throw ReplenishmentError.invalidParameter(name: "reviewPeriodDays", reason: "must be at least 1, got \(input.reviewPeriodDays)")
        }
        let velocity = input.history.isEmpty
            ? Velocity(unitsPerDay: 0, inStockDays: 0, windowDays: 0)
            : try Velocity.stockoutAdjusted(units: input.history, inStock: input.inStock, window: min(input.velocityWindow, input.history.count))
        let recent = Array(input.history.suffix(patternWindow))
        let demandClass = DemandPattern(recent).demandClass()
        let intermittent = demandClass == .intermittent || demandClass == .lumpy
        let lastSale = input.history.lastIndex { $0 > 0 }
        // Never sold: judged by how long it has been listed, when known (a launch is not dead stock).
        let daysSinceLastSale = lastSale.map { input.history.count - 1 - $0 } ?? input.daysListed
        let target = try input.service.target(
            unitPrice: input.unitPrice, unitCost: input.unitCost, holdingCostRate: input.holdingCostRate,
            reviewPeriodDays: input.reviewPeriodDays)

        let lead = input.leadTime.meanDays
        let protectionDays = lead + Double(input.reviewPeriodDays)
        let forecastUnits = input.forecast.expectedUnits(days: protectionDays)
        var leadTimeDemand: LeadTimeDemand?
        var protection: LeadTimeDemand?
        let decision: PolicyDecision
        if !input.forecast.isEmpty, forecastUnits > 0 {
            guard input.intervalSpread.isFinite, input.intervalSpread > 0 else {
                throw ReplenishmentError.invalidParameter(name: "intervalSpread", reason: "must be finite and positive, got \(input.intervalSpread)")
            }
            let f = input.forecast.widened(by: input.intervalSpread)
            let overLead = try LeadTimeDemandBuilder.fromDailyForecast(
                means: f.means, lower: f.lower, upper: f.upper, levels: f.levels, days: max(lead, 1e-9),
                leadTime: input.leadTime, intermittent: intermittent)
            let overProtection = try LeadTimeDemandBuilder.fromDailyForecast(
                means: f.means, lower: f.lower, upper: f.upper, levels: f.levels, days: protectionDays,
                leadTime: input.leadTime, intermittent: intermittent)
            leadTimeDemand = overLead
            protection = overProtection
            let sizing: OrderSizing = input.orderCost.map {
                .economicOrderQuantity(orderCost: $0, holdingCostPerUnitYear: max(input.unitCost, 0.01) * input.holdingCostRate)
            } ?? .upToLevel
            let policy = ReorderPolicy(target: target, sizing: sizing, constraints: input.constraints)
            decision = try policy.decide(
                leadTime: overLead, protection: overProtection,
                reviewDemandMean: max(0, overProtection.mean - overLead.mean),
                annualDemand: f.expectedUnits(days: 364) * 365 / 364, position: input.position)
        } else {
            decision = try floorOnly(input, target: target)
        }

        var health = try StockHealth.assess(HealthInputs(
            onHand: input.onHand, onOrder: input.onOrder, committed: input.committed, dailyForecast: input.forecast.means,
            leadTimeDays: lead, reviewPeriodDays: input.reviewPeriodDays, reorderPoint: decision.reorderPoint,
            // A skewed count law can put the quantile below the mean (negative safety stock); health
            // projects against stock it can hold, so at least zero.
            safetyStock: max(0, decision.safetyStock), orderUpTo: decision.orderUpTo, velocity: velocity, unitPrice: input.unitPrice,
            unitCost: input.unitCost, daysSinceLastSale: daysSinceLastSale, overstockDays: input.overstockDays,
            deadStockDays: input.deadStockDays, stockoutRisk: decision.stockoutRisk))
        // A listing younger than the dead-stock window that has not sold yet has no sales forecast,
        // which the health rules read as endless cover (overstock): it is new, not excess.
        if lastSale == nil, let listed = input.daysListed, listed < input.deadStockDays, health.status == .overstock {
            health.status = .healthy
            health.markdownPercent = nil
            health.notes = ["listed \(listed) days ago, no sale yet"]
        }
        // Stock within one case of the order-up-to level is what the smallest order leaves on a slow
        // mover; calling it overstock (with a markdown) would be advice no order could have avoided.
        let excess = input.position - decision.orderUpTo
        if health.status == .overstock, lastSale != nil, excess <= max(input.constraints.casePack, input.constraints.minimumOrderQuantity) {
            health.status = .healthy
            health.markdownPercent = nil
            health.notes = ["\(excess) above the order-up-to level, within one order's minimum"]
        }
        let reason = PlanReason.describe(input: input, decision: decision, health: health, velocity: velocity,
                                         protection: protection, protectionDays: protectionDays)
        return ItemPlan(decision: decision, health: health, velocity: velocity, leadTimeDemand: leadTimeDemand,
                        protectionDemand: protection, intermittent: intermittent, reason: reason)
    }

    /// No expected demand: hold the merchant's minimum (if any), order only to reach it.
    static func floorOnly(_ input: ItemPlanInput, target: ServiceTarget) throws -> PolicyDecision {
        let floor = input.constraints.reorderPointOverride ?? input.constraints.minimumStock ?? 0
        let capped = input.constraints.maximumStock.map { min($0, floor) } ?? floor
        let wanted = input.position < capped ? capped - input.position : 0
        let level: Double = if case .cycleServiceLevel(let p) = target { p } else { 0 }
        return PolicyDecision(
            serviceLevel: level, distribution: .poisson, leadTimeDemandMean: 0, safetyStock: Double(capped),
            reorderPoint: capped, orderUpTo: capped, suggestedQuantity: wanted > 0 ? input.constraints.round(wanted) : 0,
            stockoutRisk: 0, notes: capped > 0 ? ["no sales forecast; holding the minimum of \(capped)"] : ["no sales forecast"])
    }
}
