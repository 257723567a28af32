/// Inputs for the health of one variant × location.
///
/// Quantities are units; days are day indices (day 0 = today, day 1 = tomorrow). Money is in the
/// shop currency's minor units (cents) as `Double`, so a lost-revenue figure keeps its fractions
/// until the caller rounds it for storage.
public struct HealthInputs: Sendable, Hashable {
    /// Units on hand (may be negative when the shop oversells).
    public var onHand: Int
    /// Units ordered and not yet received.
    public var onOrder: Int
    /// Units committed to open orders.
    public var committed: Int
    /// Mean units for day 1, 2, … (day 1 = tomorrow).
    public var dailyForecast: [Double]
    public var leadTimeDays: Double
    /// Days between two reviews (orders) of the item; 0 for continuous review.
    public var reviewPeriodDays: Int
    public var reorderPoint: Int
    public var safetyStock: Double
    public var orderUpTo: Int
    /// Stockout-adjusted sales rate (see `Velocity.stockoutAdjusted`).
    public var velocity: Velocity
    /// Selling price per unit, minor units.
    public var unitPrice: Double
    /// Cost per unit, minor units.
    public var unitCost: Double
    /// Days since the last sale; nil = never sold.
    public var daysSinceLastSale: Int?
    /// Days of cover beyond which stock above the order-up-to level counts as overstock.
    public var overstockDays: Int
    /// Days without a sale, with stock on hand, after which stock counts as dead.
    public var deadStockDays: Int
    /// P(demand over the lead time > position), computed by the caller from LeadTimeDemand.cdf (keeps
    /// Health independent of Distribution).
    public var stockoutRisk: Double

    public init(
        onHand: Int, onOrder: Int = 0, committed: Int = 0, dailyForecast: [Double], leadTimeDays: Double,
        reviewPeriodDays: Int, reorderPoint: Int, safetyStock: Double, orderUpTo: Int, velocity: Velocity,
        unitPrice: Double, unitCost: Double, daysSinceLastSale: Int?, overstockDays: Int = 120,
        deadStockDays: Int = 90, stockoutRisk: Double
    ) {
        self.onHand = onHand; self.onOrder = onOrder; self.committed = committed; self.dailyForecast = dailyForecast
        self.leadTimeDays = leadTimeDays; self.reviewPeriodDays = reviewPeriodDays; self.reorderPoint = reorderPoint
        self.safetyStock = safetyStock; self.orderUpTo = orderUpTo; self.velocity = velocity; self.unitPrice = unitPrice
        self.unitCost = unitCost; self.daysSinceLastSale = daysSinceLastSale; self.overstockDays = overstockDays
        self.deadStockDays = deadStockDays; self.stockoutRisk = stockoutRisk
    }

    /// Checks every field; the error names the first bad one.
    /// - Throws: `ReplenishmentError.invalidParameter`.
    public func validate() throws {
        try Self.atLeast(onOrder, 0, "onOrder")
        try Self.atLeast(committed, 0, "committed")
        if let i = dailyForecast.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw ReplenishmentError.invalidParameter(
                name: "dailyForecast[\(i)]", reason: "must be a finite number ≥ 0, got \(dailyForecast[i])")
        }
        try Check.nonNegative(leadTimeDays, "leadTimeDays")
        guard leadTimeDays <= 3650 else {
            throw ReplenishmentError.invalidParameter(name: "leadTimeDays", reason: "must be at most 3650 days, got \(leadTimeDays)")
        }
        try Self.atLeast(reviewPeriodDays, 0, "reviewPeriodDays")
        try Self.atLeast(reorderPoint, 0, "reorderPoint")
        try Check.nonNegative(safetyStock, "safetyStock")
        try Self.atLeast(orderUpTo, 0, "orderUpTo")
        try Check.nonNegative(velocity.unitsPerDay, "velocity.unitsPerDay")
        try Check.nonNegative(unitPrice, "unitPrice")
        try Check.nonNegative(unitCost, "unitCost")
        if let days = daysSinceLastSale { try Self.atLeast(days, 0, "daysSinceLastSale") }
        try Self.atLeast(overstockDays, 1, "overstockDays")
        try Self.atLeast(deadStockDays, 1, "deadStockDays")
        guard stockoutRisk.isFinite, stockoutRisk >= 0, stockoutRisk <= 1 else {
            throw ReplenishmentError.invalidParameter(
                name: "stockoutRisk", reason: "must lie in [0, 1], got \(stockoutRisk)")
        }
    }

    private static func atLeast(_ value: Int, _ minimum: Int, _ name: String) throws {
        guard value >= minimum else {
            throw ReplenishmentError.invalidParameter(name: name, reason: "must be at least \(minimum), got \(value)")
        }
    }
}
