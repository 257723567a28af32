import Forecasting
import Foundation

/// Standard normal helpers for safety stock: z for a cycle service level, the loss function
/// G(z), z for a fill rate, and the economic order quantity (reference notes §3.2).
public enum SafetyStockFormulas {
    /// z = Φ⁻¹(CSL): 1.2816 / 1.6449 / 2.0537 / 2.3263 for 90 / 95 / 98 / 99 %.
    public static func z(forCycleServiceLevel level: Double) throws -> Double {
        try Check.probability(level, "cycleServiceLevel")
        return NormalDistribution.quantile(level)
    }

    /// The standard normal loss function G(z) = φ(z) − z·(1 − Φ(z)) = E[(Z − z)+]
    /// (Silver, Pyke & Peterson, *Inventory Management*, 3rd ed., App. B; G(0) = 0.3989).
    public static func normalLoss(_ z: Double) -> Double {
        let phi = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
        // 1 − Φ(z) = Φ(−z), computed from erfc so the upper tail keeps its precision.
        return max(0, phi - z * NormalDistribution.cdf(-z))
    }

    /// z whose expected shortage per cycle meets a fill rate β: solves σ·G(z) = (1 − β)·Q, with Q the
    /// demand per replenishment cycle and σ the standard deviation of demand over the protection
    /// interval (β = 1 − ESC/Q, reference notes §3.2). G is strictly decreasing, so bisection on
    /// [−8, 8] finds it to 1e-10; targets beyond that range are clamped to its ends.
    public static func z(forFillRate fillRate: Double, orderQuantity: Double, standardDeviation: Double) throws -> Double {
        try Check.probability(fillRate, "fillRate")
        try Check.positive(orderQuantity, "orderQuantity")
        try Check.positive(standardDeviation, "standardDeviation")
        let target = (1 - fillRate) * orderQuantity / standardDeviation
        var lo = -8.0, hi = 8.0
        if normalLoss(lo) <= target { return lo }
        if normalLoss(hi) >= target { return hi }
        while hi - lo > 1e-10 {
            let mid = (lo + hi) / 2
            if normalLoss(mid) > target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// EOQ = √(2·D·K / H) (Harris 1913): D annual demand in units, K cost per order, H holding cost
    /// per unit-year.
    public static func economicOrderQuantity(annualDemand: Double, orderCost: Double, holdingCostPerUnitYear: Double) throws -> Double {
        try Check.nonNegative(annualDemand, "annualDemand")
        try Check.nonNegative(orderCost, "orderCost")
        try Check.positive(holdingCostPerUnitYear, "holdingCostPerUnitYear")
        return (2 * annualDemand * orderCost / holdingCostPerUnitYear).squareRoot()
    }
}
