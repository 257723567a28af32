/// The health of one variant × location: position, cover, replenish-by day, risk, lost revenue and status.
///
/// Status rules, first match wins:
/// 1. on hand ≤ 0 → `outOfStock`;
/// 2. on hand > 0 and no sale for `deadStockDays` or more, or never sold → `deadStock`;
/// 3. position ≤ reorder point → `reorder`;
/// 4. replenish-by day ≤ review period (the order must go out before the next review) → `atRisk`;
/// 5. days of cover > `overstockDays` (no cover figure while stocked counts as endless) and
///    position > order-up-to → `overstock`;
/// 6. otherwise `healthy`.
///
/// Lost revenue per day, in minor units: out of stock, velocity × price (the stockout-adjusted velocity is
/// the demand going unserved); dead stock, 0; otherwise stockoutRisk × velocity × price, the expected
/// loss of a day's sales weighted by the chance the lead time runs dry, a ranking figure rather than a
/// forecast of cash. Markdowns: see `markdownPercent(status:daysOfCover:overstockDays:)`.
///
/// ```swift
/// let health = try StockHealth.assess(inputs)
/// if health.status.needsAttention { … }
/// ```
public struct StockHealth: Sendable, Hashable {
    /// on hand + on order − committed.
    public var position: Int
    /// Days the position lasts at the forecast (see `daysOfCover(position:dailyForecast:)`); nil when the
    /// forecast expects no sales.
    public var daysOfCover: Double?
    /// Last day index (0 = today) to order so the delivery arrives before the position falls below safety
    /// stock; negative = overdue; nil beyond 365 days (see `replenishByDay(…)`).
    public var replenishByDay: Int?
    /// P(demand over the lead time > position), as given.
    public var stockoutRisk: Double
    /// Minor units per day (see the type's summary).
    public var lostRevenuePerDay: Double
    public var status: HealthStatus
    /// Suggested markdown in percent for overstock and dead stock, else nil.
    public var markdownPercent: Int?
    /// Short phrases for the reason ("out of stock 3 of the last 28 days", …).
    public var notes: [String]

    public init(
        position: Int, daysOfCover: Double?, replenishByDay: Int?, stockoutRisk: Double, lostRevenuePerDay: Double,
        status: HealthStatus, markdownPercent: Int?, notes: [String] = []
    ) {
        self.position = position; self.daysOfCover = daysOfCover; self.replenishByDay = replenishByDay
        self.stockoutRisk = stockoutRisk; self.lostRevenuePerDay = lostRevenuePerDay; self.status = status
        self.markdownPercent = markdownPercent; self.notes = notes
    }

    /// Assesses one variant × location.
    /// - Throws: `ReplenishmentError.invalidParameter` naming the bad field of `inputs`.
    public static func assess(_ inputs: HealthInputs) throws -> StockHealth {
        try inputs.validate()
        let position = inputs.onHand + inputs.onOrder - inputs.committed
        let cover = daysOfCover(position: position, dailyForecast: inputs.dailyForecast)
        let replenishBy = replenishByDay(
            position: position, safetyStock: inputs.safetyStock, leadTimeDays: inputs.leadTimeDays,
            dailyForecast: inputs.dailyForecast)
        let status = status(inputs, position: position, daysOfCover: cover, replenishByDay: replenishBy)
        let dailySales = inputs.velocity.unitsPerDay * inputs.unitPrice
        let lost: Double = switch status {
        case .outOfStock: dailySales
        case .deadStock: 0
        default: inputs.stockoutRisk * dailySales
        }
        let markdown = markdownPercent(status: status, daysOfCover: cover, overstockDays: inputs.overstockDays)
        let notes = notes(
            inputs, status: status, position: position, daysOfCover: cover, replenishByDay: replenishBy,
            markdownPercent: markdown)
        return StockHealth(
            position: position, daysOfCover: cover, replenishByDay: replenishBy, stockoutRisk: inputs.stockoutRisk,
            lostRevenuePerDay: lost, status: status, markdownPercent: markdown, notes: notes)
    }

    /// The status rules of the type's summary, in order.
    static func status(_ i: HealthInputs, position: Int, daysOfCover: Double?, replenishByDay: Int?) -> HealthStatus {
        if i.onHand <= 0 { return .outOfStock }
        if i.daysSinceLastSale.map({ $0 >= i.deadStockDays }) ?? true { return .deadStock }
        if position <= i.reorderPoint { return .reorder }
        if let day = replenishByDay, day <= i.reviewPeriodDays { return .atRisk }
        // Nil cover with stock on hand means no demand is forecast: the stock lasts indefinitely.
        let coverExceeds = daysOfCover.map { $0 > Double(i.overstockDays) } ?? true
        if coverExceeds && position > i.orderUpTo { return .overstock }
        return .healthy
    }

    /// The reasons behind the status, in words a merchant reads in the table.
    static func notes(
        _ i: HealthInputs, status: HealthStatus, position: Int, daysOfCover: Double?, replenishByDay: Int?,
        markdownPercent: Int?
    ) -> [String] {
        var notes: [String] = []
        let v = i.velocity
        if v.fromLongerHistory {
            notes.append("out of stock all of the recent window; velocity from \(v.inStockDays) in-stock days of \(v.windowDays)")
        } else if v.outOfStockDays > 0 {
            notes.append("out of stock \(v.outOfStockDays) of the last \(v.windowDays) days")
        }
        switch status {
        case .outOfStock:
            notes.append("none on hand; about \(short(v.unitsPerDay)) units/day of demand unserved")
            if i.onOrder > 0 { notes.append("\(i.onOrder) on order") }
        case .deadStock:
            let since = i.daysSinceLastSale.map { "no sale in \($0) days" } ?? "never sold"
            notes.append("\(since) with \(i.onHand) on hand")
        case .reorder:
            notes.append("position \(position) at or below reorder point \(i.reorderPoint)")
        case .atRisk:
            notes.append("must order before the next review in \(i.reviewPeriodDays) days")
        case .overstock:
            let cover = daysOfCover.map { "\(short($0)) days of cover" } ?? "no sales forecast"
            notes.append("\(cover), over \(i.overstockDays); position \(position) above order-up-to \(i.orderUpTo)")
        case .healthy:
            if let cover = daysOfCover { notes.append("\(short(cover)) days of cover") }
        }
        if status == .reorder || status == .atRisk, let day = replenishByDay {
            notes.append(day < 0 ? "order overdue by \(-day) days" : day == 0 ? "order today" : "order by day \(day)")
        }
        if let m = markdownPercent { notes.append("suggest a \(m) % markdown") }
        return notes
    }

    /// One decimal, without a trailing ".0".
    static func short(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }
}
