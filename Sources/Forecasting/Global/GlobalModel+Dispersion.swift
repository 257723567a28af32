extension GlobalModel {
    /// Per-series negative-binomial dispersion φ (Var = μ + φμ²) from validation residuals.
    ///
    /// Method of moments, E[(y − μ)² − μ] = φμ², pooled over all series for φ̄ and per series with
    /// `dispersionPrior` pseudo-days at φ̄ added (a shrinkage that keeps a series with few sales
    /// near the pool): φ_s = (Σ[(y − μ)² − μ] + k·m·φ̄) / (Σμ² + k·m), m = the series' mean μ².
    func estimateDispersion(_ panel: GlobalPanel, _ rows: [Row], _ mean: [Double]) -> [Double] {
        let n = panel.series.count
        var excess = [Double](repeating: 0, count: n), squares = excess, days = excess
        for (i, row) in rows.enumerated() {
            let mu = mean[i], y = panel.series[row.series].sales[row.day]
            excess[row.series] += (y - mu) * (y - mu) - mu
            squares[row.series] += mu * mu
            days[row.series] += 1
        }
        let totalSquares = squares.reduce(0, +)
        let pooled = totalSquares > 0 ? max(0, excess.reduce(0, +) / totalSquares) : 0
        return (0..<n).map { s in
            let m = days[s] > 0 ? squares[s] / days[s] : 0
            let prior = dispersionPrior * m
            let denominator = squares[s] + prior
            guard denominator > 0 else { return pooled }
            return min(50, max(0, (excess[s] + prior * pooled) / denominator))
        }
    }

    /// Central intervals from NB(μ, size 1/φ) quantiles at each day (Poisson when φ = 0).
    static func intervals(mean: [Double], dispersion: Double, levels: [Double]) -> [PredictionInterval] {
        let size: Double? = dispersion > 1e-9 ? 1 / dispersion : nil
        return levels.map { level in
            let a = (1 - level / 100) / 2
            var lower = [Double](repeating: 0, count: mean.count), upper = lower
            for h in mean.indices {
                let d = CountDistribution(mean: mean[h], size: size)
                lower[h] = d.quantile(a)
                upper[h] = d.quantile(1 - a)
            }
            return PredictionInterval(level: level, lower: lower, upper: upper)
        }
    }
}
