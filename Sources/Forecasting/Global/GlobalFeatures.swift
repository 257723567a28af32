/// Which features the global model computes for a (series, day) row, and their names.
///
/// Every sales feature is read as of an *origin*, the last day whose sales are known, so no
/// forecast needs another forecast (direct, not recursive, multi-horizon forecasting, as the M5
/// winner's non-recursive models; Makridakis et al. 2022, "M5 accuracy competition", IJF 38(4)).
/// In the fixed-lag design the origin is `minimumLag` days before every target (lags 28, 29, …
/// for h = 28); in the horizon-aware design (`GlobalModel.horizonAware`) it is the last day of
/// history and the horizon h ≤ `minimumLag` is a feature, so every lag is at least h. Features:
/// - sales on the origin day and the days before it (`originLags`: 0 = origin) and on
///   target-relative lags such as 7, 14 … 364 (those after the origin are missing);
/// - means and standard deviations of the windows ending at the origin, zero shares, the mean of
///   the same weekday over recent weeks, the level since the first sale, days since the last sale,
///   the series' age;
/// - calendar (day of week, month, day of month, event, event type, the region's flag);
/// - price (current, relative to the series' mean and maximum, change over a week, discounted);
/// - group codes and the series index, and window means of chosen group aggregates (e.g. the same
///   item over all stores).
public struct GlobalFeatures: Sendable, Equatable {
    /// The longest horizon served: in the fixed-lag design the days between origin and every
    /// target, in the horizon-aware design the largest horizon trained on.
    public var minimumLag: Int = 28
    /// Offsets before the origin (0 = origin day) whose sales are features.
    public var originLags: [Int] = [0, 1, 2, 3, 4, 5, 6]
    /// Target-relative lags (e.g. 35 = five weeks before the target day); missing when after the
    /// origin, so in the direct design only those ≥ `minimumLag` carry values.
    public var targetLags: [Int] = [7, 14, 21, 28, 35, 42, 49, 56, 364]
    /// Windows ending at the origin whose mean and standard deviation are features.
    public var rollingWindows: [Int] = [7, 14, 28, 56, 112]
    /// Smoothing constants of exponentially weighted means of sales and of the sale indicator at the origin.
    public var smoothingAlphas: [Double] = [0.03, 0.1, 0.3]
    /// Windows ending at the origin whose share of zero-sale days is a feature.
    public var zeroShareWindows: [Int] = [28, 112]
    /// Numbers of weeks over which the target's weekday is averaged (its latest occurrences at or before the origin).
    public var sameWeekdayWeeks: [Int] = [4, 8]
    /// Indices into `GlobalPanel.groupNames` whose per-member mean sales feed window means.
    public var groupAggregates: [Int] = [0]
    /// Windows of those group means.
    public var groupAggregateWindows: [Int] = [7, 28]
    public var calendar = true
    public var price = true
    /// Group codes and the series index as numbers.
    public var identity = true

    public init() {}

    /// Feature names in column order, for a panel with these group names.
    public func names(groupNames: [String], horizonFeature: Bool) -> [String] {
        var names: [String] = []
        names += originLags.map { "origin_lag_\($0)" }
        names += targetLags.map { "sales_target_lag_\($0)" }
        for w in rollingWindows { names += ["rolling_mean_\(w)", "rolling_std_\(w)"] }
        for a in smoothingAlphas { names += ["ewm_mean_\(a)", "ewm_occurrence_\(a)"] }
        names += zeroShareWindows.map { "zero_share_\($0)" }
        names += sameWeekdayWeeks.map { "weekday_mean_\($0)w" }
        names += ["level", "days_since_sale", "age"]
        if horizonFeature { names.append("horizon") }
        if calendar { names += ["day_of_week", "month", "day_of_month", "event", "event_type", "region_flag"] }
        if price { names += ["price", "price_to_mean", "price_to_max", "price_change_week", "discounted"] }
        if identity { names += groupNames.map { "\($0)_code" } + ["series_code"] }
        for g in groupAggregates {
            let name = g < groupNames.count ? groupNames[g] : "group\(g)"
            names += groupAggregateWindows.map { "\(name)_mean_\($0)" }
        }
        return names
    }

    /// Checks the lists against the panel; errors name the field.
    public func validate(groupCount: Int) throws {
        func require(_ ok: Bool, _ name: String, _ reason: String) throws {
            if !ok { throw ForecastError.invalidParameter(name: name, reason: reason) }
        }
        try require(minimumLag >= 1, "minimumLag", "must be at least 1, got \(minimumLag)")
        try require(originLags.allSatisfy { $0 >= 0 }, "originLags", "must be non-negative")
        try require(targetLags.allSatisfy { $0 >= 1 }, "targetLags", "must be at least 1")
        try require((rollingWindows + zeroShareWindows + groupAggregateWindows).allSatisfy { $0 >= 1 }, "rollingWindows", "windows must be at least 1 day")
        try require(smoothingAlphas.allSatisfy { $0 > 0 && $0 <= 1 }, "smoothingAlphas", "must be in (0, 1]")
        try require(sameWeekdayWeeks.allSatisfy { $0 >= 1 }, "sameWeekdayWeeks", "must be at least 1")
        try require(groupAggregates.allSatisfy { $0 >= 0 && $0 < groupCount }, "groupAggregates", "must index the panel's \(groupCount) groups")
    }
}

extension GlobalFeatures {
    /// The feature values of one row, in `names` order: series `series`, target day `target`,
    /// sales known up to day `origin`. For inspection and explanations; the model builds its
    /// matrices in bulk.
    public func values(in panel: GlobalPanel, series: Int, target: Int, origin: Int, horizonFeature: Bool = false) throws -> [Float] {
        try validate(groupCount: panel.groupNames.count)
        guard panel.series.indices.contains(series) else { throw ForecastError.invalidParameter(name: "series", reason: "\(series) is not a series index") }
        guard panel.days.indices.contains(target) else { throw ForecastError.invalidParameter(name: "target", reason: "\(target) is not a day of the panel") }
        guard origin < target, origin < panel.historyLength else {
            throw ForecastError.invalidParameter(name: "origin", reason: "\(origin) must be before the target and inside the history")
        }
        let builder = GlobalFeatureBuilder(features: self, panel: panel, horizonFeature: horizonFeature)
        var row = [Float](repeating: .nan, count: builder.columns)
        row.withUnsafeMutableBufferPointer { builder.fill(series: series, target: target, origin: origin, into: $0.baseAddress!) }
        return row
    }
}
