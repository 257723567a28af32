import Forecasting

/// Storewise's own rule in the simulation: forecast from the stockout-corrected history, turn
/// the daily forecast distribution into demand over the lead time and over lead time plus
/// review period, and order up to the quantile of the target cycle service level.
///
/// At a review on day t:
/// 1. history = observed sales through t − 1 with censored days imputed (`CensoredDemand`:
///    same-weekday in-stock means), so stockouts do not drag the forecast down;
/// 2. `AutoForecaster(seasonLength: 7)` forecasts ⌈L + R⌉ days with intervals at 50/67/95/99 %;
/// 3. the SBC class of the history (intermittent or lumpy) picks count laws for the lead-time
///    demand (`LeadTimeDemandBuilder.fromDailyForecast`) over L and over L + R;
/// 4. `ReorderPolicy(target: .cycleServiceLevel(p))` gives s = S = F⁻¹(p) of demand over L + R
///    (reference notes §3.2, periodic review) and the quantity S − position when below s.
///
/// ```swift
/// let rule = StorewiseRule(serviceLevel: 0.95)
/// let quantity = try rule.orderQuantity(context)
/// ```
public struct StorewiseRule: ReplenishmentRule {
    /// Target cycle service level p in (0, 1).
    public var serviceLevel: Double
    public var forecaster: AutoForecaster
    /// Interval levels (percent) asked of the forecaster; the lead-time demand's variance is
    /// read from their widths.
    public var levels: [Double]
    public var imputation: CensoredDemand
    /// Only the most recent `historyDays` days are forecast from (nil: all of them).
    public var historyDays: Int?
    /// Multiplies every interval's distance from the mean before the lead-time demand is built
    /// (so the variance by its square). 1 uses the forecaster's intervals as they are; a value
    /// above 1 allows for errors that persist from day to day, which per-day intervals summed as
    /// independent understate. Tune it only on data before the reported window.
    public var spreadFactor: Double

    public init(
        serviceLevel: Double, forecaster: AutoForecaster = AutoForecaster(seasonLength: 7), levels: [Double] = [50, 67, 95, 99],
        imputation: CensoredDemand = CensoredDemand(), historyDays: Int? = nil, spreadFactor: Double = 1
    ) {
        self.serviceLevel = serviceLevel
        self.forecaster = forecaster
        self.levels = levels
        self.imputation = imputation
        self.historyDays = historyDays
        self.spreadFactor = spreadFactor
    }

    public var name: String {
        let percent = serviceLevel * 100
        let text = percent == percent.rounded() ? String(Int(percent)) : String(percent)
        return spreadFactor == 1 ? "Storewise \(text) %" : "Storewise \(text) % (×\(spreadFactor))"
    }

    /// Checks the parameters; errors name the field.
    public func validate() throws {
        guard serviceLevel.isFinite, serviceLevel > 0, serviceLevel < 1 else {
            throw ReplenishmentError.invalidParameter(name: "serviceLevel", reason: "must lie strictly between 0 and 1, got \(serviceLevel)")
        }
        guard !levels.isEmpty else { throw ReplenishmentError.invalidParameter(name: "levels", reason: "is empty") }
        if let historyDays, historyDays < 1 {
            throw ReplenishmentError.invalidParameter(name: "historyDays", reason: "must be at least 1, got \(historyDays)")
        }
        guard spreadFactor.isFinite, spreadFactor > 0 else {
            throw ReplenishmentError.invalidParameter(name: "spreadFactor", reason: "must be finite and positive, got \(spreadFactor)")
        }
    }

    public func orderQuantity(_ context: ReplenishmentContext) throws -> Int {
        try decision(context).suggestedQuantity
    }

    /// The full policy decision behind the quantity (reorder point, distribution, risk).
    public func decision(_ context: ReplenishmentContext) throws -> PolicyDecision {
        try validate()
        var sales = Array(context.sales), censored = Array(context.censored)
        if let historyDays, sales.count > historyDays {
            sales = Array(sales.suffix(historyDays))
            censored = Array(censored.suffix(historyDays))
        }
        guard !sales.isEmpty else {
            throw ReplenishmentError.invalidParameter(name: "sales", reason: "the rule needs at least one day of history before day \(context.day)")
        }
        let history = try imputation.impute(sales, censored: censored)
        let lead = Double(context.leadTimeDays)
        let protectionDays = lead + Double(context.reviewPeriod)
        let fit = try forecaster.fit(history, horizon: Int(protectionDays.rounded(.up)), levels: levels)
        let means = fit.forecast.mean
        // Forecast intervals are per level over days; the builder wants per day over levels.
        let intervals = levels.map { level in fit.forecast.interval(level: level) }
        var lower = [[Double]](repeating: [], count: means.count), upper = lower
        for d in means.indices {
            for interval in intervals {
                lower[d].append(interval?.lower[d] ?? means[d])
                upper[d].append(interval?.upper[d] ?? means[d])
            }
        }
        // The same widening the product's planner applies (`DailyForecast.widened`).
        let daily = DailyForecast(means: means, lower: lower, upper: upper, levels: levels).widened(by: spreadFactor)
        lower = daily.lower
        upper = daily.upper
        let intermittent = fit.demandClass.isIntermittent
        let leadTime = LeadTime(meanDays: lead, standardDeviationDays: context.leadTimeStandardDeviationDays)
        let overLead = try LeadTimeDemandBuilder.fromDailyForecast(
            means: means, lower: lower, upper: upper, levels: levels, days: lead, leadTime: leadTime, intermittent: intermittent)
        let overProtection = try LeadTimeDemandBuilder.fromDailyForecast(
            means: means, lower: lower, upper: upper, levels: levels, days: protectionDays, leadTime: leadTime, intermittent: intermittent)
        let dailyMean = means.isEmpty ? 0 : means.reduce(0, +) / Double(means.count)
        return try ReorderPolicy(target: .cycleServiceLevel(serviceLevel)).decide(
            leadTime: overLead, protection: overProtection, reviewDemandMean: max(0, overProtection.mean - overLead.mean),
            annualDemand: dailyMean * 365, position: context.position)
    }
}
