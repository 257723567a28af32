/// A reordering rule the inventory simulation can run: at each review it looks at what a
/// merchant would know that day and says how many units to order.
///
/// Rules are values and must be pure (same context, same answer) so that a simulation is
/// reproducible and its series can run on several threads.
///
/// ```swift
/// struct OrderTen: ReplenishmentRule {
///     var name: String { "ten" }
///     func orderQuantity(_ context: ReplenishmentContext) throws -> Int { 10 }
/// }
/// ```
public protocol ReplenishmentRule: Sendable {
    /// The rule's name as the simulation's tables show it, e.g. `Stocky (30 d)`.
    var name: String { get }
    /// Units to order now (0 for none). At the window start the simulation asks with nothing on
    /// hand or on order and puts the answer on the shelf: the rule's own order-up-to level.
    func orderQuantity(_ context: ReplenishmentContext) throws -> Int
}

/// What a rule sees at a review on day `day` of a series: the observed past and the stock.
public struct ReplenishmentContext: Sendable {
    /// Today, as an index into the series (day 0 is the first day of history).
    public var day: Int
    /// The first day of the simulated window; before it the history is fully observed.
    public var windowStart: Int
    /// Observed unit sales of days `0..<day`: the true demand before the window, then
    /// min(demand, stock on hand) inside it (lost sales are not seen).
    public var sales: ArraySlice<Double>
    /// Whether each of those days' sales understate demand: out of stock at the start of the day,
    /// or some demand went unserved.
    public var censored: ArraySlice<Bool>
    /// Units on the shelf now (after today's receipts, before today's demand).
    public var onHand: Int
    /// Units ordered and not yet received.
    public var onOrder: Int
    /// Days from placing an order to receiving it (the mean, when lead times vary).
    public var leadTimeDays: Int
    /// Standard deviation of the lead time in days (0 when it is fixed).
    public var leadTimeStandardDeviationDays: Double
    /// Days between reviews: the next chance to order is `reviewPeriod` days away.
    public var reviewPeriod: Int
    /// Value of one unit today (cost, or the sell price when the cost is unknown).
    public var unitValue: Double

    public init(
        day: Int, windowStart: Int, sales: ArraySlice<Double>, censored: ArraySlice<Bool>, onHand: Int, onOrder: Int,
        leadTimeDays: Int, leadTimeStandardDeviationDays: Double = 0, reviewPeriod: Int, unitValue: Double
    ) {
        self.day = day
        self.windowStart = windowStart
        self.sales = sales
        self.censored = censored
        self.onHand = onHand
        self.onOrder = onOrder
        self.leadTimeDays = leadTimeDays
        self.leadTimeStandardDeviationDays = leadTimeStandardDeviationDays
        self.reviewPeriod = reviewPeriod
        self.unitValue = unitValue
    }

    /// Inventory position: on hand plus on order (no committed or backordered units here, since
    /// unserved demand is lost).
    public var position: Int { onHand + onOrder }
}
