/// Prediction intervals around a point forecast from its cross-validation errors.
///
/// Models without native intervals (the intermittent family, ensembles) get them here:
/// - **count data** (every value a non-negative integer): quantiles of a negative binomial with
///   mean equal to each step's point forecast and size r from the method of moments on the
///   errors, r = μ̄² / (σ² − μ̄) with σ² the mean squared error and μ̄ the mean forecast
///   (Poisson when σ² ≤ μ̄). Intervals are then non-negative integers and skewed like demand;
/// - **other data**: split-conformal intervals, ŷ ± the ⌈(n+1)·L⌉-th smallest absolute error of
///   the n pooled errors (Vovk, Gammerman & Shafer 2005; Angelopoulos & Bates 2021 §1);
/// - **no errors** (history too short to validate): the spread of the history's one-step changes
///   stands in for σ, so an interval is never narrower than the data's own noise.
public enum IntervalBuilder {
    public static func intervals(mean: [Double], errors: [Double], history: [Double], levels: [Double]) -> [PredictionInterval] {
        guard !levels.isEmpty else { return [] }
        let isCount = history.allSatisfy { $0 >= 0 && $0 == $0.rounded() }
        var sigma2: Double
        if errors.isEmpty {
            let active = PointMetrics.activeHistory(history)
            sigma2 = active.count > 1 ? PointMetrics.squaredScale(history: history) : (history.last ?? 0)
        } else {
            sigma2 = errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)
        }
        if isCount {
            let level = mean.reduce(0, +) / Double(mean.count)
            let reference = CountDistribution.matching(mean: level, variance: sigma2)
            return levels.map { L in
                let a = (1 - L / 100) / 2
                var lower = [Double](repeating: 0, count: mean.count), upper = lower
                for h in mean.indices {
                    let d = CountDistribution(mean: mean[h], size: reference.size)
                    lower[h] = d.quantile(a)
                    upper[h] = d.quantile(1 - a)
                }
                return PredictionInterval(level: L, lower: lower, upper: upper)
            }
        }
        let absolute = errors.map(abs).sorted()
        let floorAtZero = history.allSatisfy { $0 >= 0 }
        return levels.map { L in
            let width: Double
            if absolute.isEmpty {
                width = NormalDistribution.quantile(0.5 + L / 200) * sigma2.squareRoot()
            } else {
                let rank = min(absolute.count, Int((Double(absolute.count + 1) * L / 100).rounded(.up)))
                width = absolute[max(0, rank - 1)]
            }
            let lower = mean.map { floorAtZero ? max(0, $0 - width) : $0 - width }
            return PredictionInterval(level: L, lower: lower, upper: mean.map { $0 + width })
        }
    }
}
