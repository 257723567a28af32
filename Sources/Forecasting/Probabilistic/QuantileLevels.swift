/// Quantile levels and their matching central-interval coverages.
public enum QuantileLevels {
    /// The nine quantiles of the M5 uncertainty track: the median and the 50/67/95/99 % intervals.
    public static let m5: [Double] = [0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995]

    /// Interval coverages (percent) whose bounds give `quantiles`: q and 1−q are the bounds of the
    /// (1−2q)·100 % central interval. The median needs no interval.
    public static func intervalLevels(for quantiles: [Double]) -> [Double] {
        var levels: [Double] = []
        for q in quantiles where abs(q - 0.5) > 1e-12 {
            let level = (abs(1 - 2 * q) * 100 * 1e6).rounded() / 1e6
            if !levels.contains(where: { abs($0 - level) < 1e-9 }) { levels.append(level) }
        }
        return levels.sorted()
    }
}

extension Forecast {
    /// The `q`-quantile path read off the central intervals; the median is the point forecast
    /// (the models here have symmetric or median-centred predictive distributions).
    public func quantile(_ q: Double) -> [Double]? {
        if abs(q - 0.5) < 1e-12 { return mean }
        let level = (abs(1 - 2 * q) * 100 * 1e6).rounded() / 1e6
        guard let interval = interval(level: level) else { return nil }
        return q < 0.5 ? interval.lower : interval.upper
    }
}
