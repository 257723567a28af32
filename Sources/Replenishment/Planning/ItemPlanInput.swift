/// Everything needed to plan one variant × location: its demand history, forecast, stock,
/// prices and the merchant's resolved settings.
public struct ItemPlanInput: Sendable, Hashable {
    /// Observed daily units through the as-of day, oldest first (empty when it never sold).
    public var history: [Double]
    /// Whether the item was in stock on each history day (same length as `history`).
    public var inStock: [Bool]
    public var forecast: DailyForecast
    public var onHand: Int
    public var onOrder: Int
    public var committed: Int
    public var leadTime: LeadTime
    public var reviewPeriodDays: Int
    public var service: ServiceChoice
    public var constraints: OrderConstraints
    /// Cost of placing one order line; when set, quantities follow EOQ.
    public var orderCost: Double?
    /// Annual holding cost as a share of unit cost.
    public var holdingCostRate: Double
    public var unitPrice: Double
    public var unitCost: Double
    public var overstockDays: Int
    public var deadStockDays: Int
    /// Days of history velocity is measured over (in-stock days only).
    public var velocityWindow: Int
    /// Days since the item was listed, for an item that never sold: a listing younger than the
    /// dead-stock window is new, not dead. Nil when unknown (a never-sold item with stock is dead).
    public var daysListed: Int?
    /// Interval widening before lead-time demand is built (`DailyForecast.widened`); see `SpreadCalibration`.
    public var intervalSpread: Double

    public init(
        history: [Double], inStock: [Bool], forecast: DailyForecast, onHand: Int, onOrder: Int, committed: Int,
        leadTime: LeadTime, reviewPeriodDays: Int, service: ServiceChoice, constraints: OrderConstraints = OrderConstraints(),
        orderCost: Double? = nil, holdingCostRate: Double = 0.25, unitPrice: Double, unitCost: Double,
        overstockDays: Int = 120, deadStockDays: Int = 90, velocityWindow: Int = 28, intervalSpread: Double = 1, daysListed: Int? = nil
    ) {
        self.history = history; self.inStock = inStock; self.forecast = forecast; self.onHand = onHand
        self.onOrder = onOrder; self.committed = committed; self.leadTime = leadTime; self.reviewPeriodDays = reviewPeriodDays
        self.service = service; self.constraints = constraints; self.orderCost = orderCost
        self.holdingCostRate = holdingCostRate; self.unitPrice = unitPrice; self.unitCost = unitCost
        self.overstockDays = overstockDays; self.deadStockDays = deadStockDays; self.velocityWindow = velocityWindow
        self.intervalSpread = intervalSpread; self.daysListed = daysListed
    }

    /// on hand + on order − committed.
    public var position: Int { onHand + onOrder - committed }
}

/// The plan of one variant × location: policy numbers, stock health and the reason in words.
public struct ItemPlan: Sendable, Hashable {
    public var decision: PolicyDecision
    public var health: StockHealth
    public var velocity: Velocity
    /// Demand over the lead time, and over lead time + review period.
    public var leadTimeDemand: LeadTimeDemand?
    public var protectionDemand: LeadTimeDemand?
    public var intermittent: Bool
    /// One sentence a merchant can check: velocity, the policy's numbers, what was rounded and why.
    public var reason: String
}
