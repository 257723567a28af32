import Forecasting
import Foundation

/// Builds lead-time demand from a daily forecast: its means and interval bounds, its moments, or
/// its sample paths.
///
/// Days are treated as independent, so the total's variance is the sum of the days' variances
/// (reference notes §3.2, σ_L = √(Σ Var(e_h))); a random lead time adds d̄²·σ_L² (Chopra & Meindl).
///
/// ```swift
/// let overLR = try LeadTimeDemandBuilder.fromDailyForecast(
///     means: f.mean, lower: lower, upper: upper, levels: [50, 67, 95, 99],
///     days: 3 + 7, leadTime: LeadTime(meanDays: 3), intermittent: false)
/// ```
public enum LeadTimeDemandBuilder {
    /// Interval level whose width sets a day's σ: the service levels a reorder point protects sit
    /// at 90–98 %, so the bounds nearest 95 % describe the tail that matters.
    static let preferredLevel = 95.0

    /// From per-day forecast means and interval bounds (levels in percent; `lower[d][k]` /
    /// `upper[d][k]` are day d's bounds at `levels[k]`), over the first `days` days.
    ///
    /// A day's σ comes from the interval at the level nearest 95 %: the larger of the half-width
    /// (u − l)/(2z) and the upper half (u − mean)/z, with z = Φ⁻¹(½ + level/200). The upper half
    /// wins when the lower bound is clipped at zero or the interval is right-skewed (count
    /// intervals), both cases where the half-width would understate the upside a reorder point
    /// must cover. A fractional `days` takes that share of the last day's mean and variance;
    /// beyond the forecast the last 7 days repeat cyclically so the weekly pattern continues.
    /// A negative daily mean (an additive model's dip) counts as zero demand.
    public static func fromDailyForecast(means: [Double], lower: [[Double]], upper: [[Double]], levels: [Double],
                                         days: Double, leadTime: LeadTime, intermittent: Bool) throws -> LeadTimeDemand {
        guard !levels.isEmpty else { throw ReplenishmentError.invalidParameter(name: "levels", reason: "must not be empty") }
        guard lower.count == means.count else {
            throw ReplenishmentError.invalidParameter(name: "lower", reason: "has \(lower.count) days, means has \(means.count)")
        }
        guard upper.count == means.count else {
            throw ReplenishmentError.invalidParameter(name: "upper", reason: "has \(upper.count) days, means has \(means.count)")
        }
        var best = 0
        for (k, level) in levels.enumerated() {
            guard level.isFinite, level > 0, level < 100 else {
                throw ReplenishmentError.invalidParameter(name: "levels[\(k)]", reason: "must lie strictly between 0 and 100 (percent), got \(level)")
            }
            if abs(level - preferredLevel) < abs(levels[best] - preferredLevel) { best = k }
        }
        let z = NormalDistribution.quantile(0.5 + levels[best] / 200)
        var variances = [Double](repeating: 0, count: means.count)
        for d in means.indices {
            guard lower[d].count == levels.count else {
                throw ReplenishmentError.invalidParameter(name: "lower[\(d)]", reason: "has \(lower[d].count) bounds, levels has \(levels.count)")
            }
            guard upper[d].count == levels.count else {
                throw ReplenishmentError.invalidParameter(name: "upper[\(d)]", reason: "has \(upper[d].count) bounds, levels has \(levels.count)")
            }
            let l = lower[d][best], u = upper[d][best]
            try Check.finite(l, "lower[\(d)][\(best)]")
            try Check.finite(u, "upper[\(d)][\(best)]")
            guard u >= l else {
                throw ReplenishmentError.invalidParameter(name: "upper[\(d)][\(best)]", reason: "\(u) is below the lower bound \(l)")
            }
            try Check.finite(means[d], "means[\(d)]")
            let sigma = max((u - l) / (2 * z), (u - max(0, means[d])) / z)
            variances[d] = sigma * sigma
        }
        return try fromDailyMoments(means: means, variances: variances, days: days, leadTime: leadTime, intermittent: intermittent)
    }

    /// From per-day means and variances (same rules as `fromDailyForecast`).
    public static func fromDailyMoments(means: [Double], variances: [Double], days: Double, leadTime: LeadTime,
                                        intermittent: Bool) throws -> LeadTimeDemand {
        guard !means.isEmpty else { throw ReplenishmentError.invalidParameter(name: "means", reason: "must not be empty") }
        guard variances.count == means.count else {
            throw ReplenishmentError.invalidParameter(name: "variances", reason: "has \(variances.count) days, means has \(means.count)")
        }
        try Check.nonNegative(days, "days")
        try leadTime.validate()
        for d in means.indices {
            try Check.finite(means[d], "means[\(d)]")
            try Check.nonNegative(variances[d], "variances[\(d)]")
        }
        let n = means.count
        let cycle = min(7, n)
        var mean = 0.0, variance = 0.0
        var d = 0
        while Double(d) < days {
            // Beyond the forecast, day d repeats the matching day of the last `cycle` days.
            let index = d < n ? d : n - cycle + (d - n) % cycle
            let share = min(1, days - Double(d))
            mean += share * max(0, means[index])
            variance += share * variances[index]
            d += 1
        }
        if days > 0 && leadTime.standardDeviationDays > 0 {
            // Chopra & Meindl: σ²_DL = E[L]·σ_d² + d̄²·σ_L², d̄ the mean daily demand over the interval.
            let daily = mean / days
            variance += daily * daily * leadTime.standardDeviationDays * leadTime.standardDeviationDays
        }
        return try LeadTimeDemand.counts(mean: mean, variance: variance, intermittent: intermittent)
    }

    /// Distribution-free: the totals of the first `days` days of each sample path.
    public static func fromSamplePaths(_ paths: [[Double]], days: Int) throws -> LeadTimeDemand {
        guard !paths.isEmpty else { throw ReplenishmentError.invalidParameter(name: "paths", reason: "must not be empty") }
        guard days >= 0 else { throw ReplenishmentError.invalidParameter(name: "days", reason: "must not be negative, got \(days)") }
        var totals = [Double](repeating: 0, count: paths.count)
        for (i, path) in paths.enumerated() {
            guard path.count >= days else {
                throw ReplenishmentError.invalidParameter(name: "paths[\(i)]", reason: "has \(path.count) days, needs \(days)")
            }
            var sum = 0.0
            for d in 0..<days {
                try Check.finite(path[d], "paths[\(i)][\(d)]")
                sum += path[d]
            }
            totals[i] = sum
        }
        return try LeadTimeDemand.empirical(totals)
    }
}
