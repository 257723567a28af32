import Foundation

/// Replenishment settings a merchant can set at one scope; nil fields inherit from the wider
/// scope (shop < vendor < location < variant < variant × location, see `SettingsScope`).
///
/// Stored as JSON, so adding a field needs no migration.
public struct ReplenishmentOverrides: Hashable, Sendable, Codable {
    /// Target cycle service level, P(no stockout in a replenishment cycle), in (0, 1).
    public var serviceLevel: Double?
    /// Target fill rate (share of demand served from stock) in (0, 1); used instead of `serviceLevel` when set.
    public var fillRate: Double?
    /// Derive the cycle service level from margin and holding cost (newsvendor critical ratio).
    public var newsvendor: Bool?
    /// Mean days from placing an order to the goods being sellable.
    public var leadTimeDays: Double?
    /// Standard deviation of the lead time in days (0 = fixed).
    public var leadTimeSDDays: Double?
    /// Days between two reviews (orders) of the same item.
    public var reviewPeriodDays: Int?
    /// Units per case: orders are rounded up to a multiple.
    public var casePack: Int?
    /// Minimum order quantity in units.
    public var minimumOrderQuantity: Int?
    /// Never let the reorder point fall below this (a shelf minimum).
    public var minimumStock: Int?
    /// Never order beyond this position (a shelf limit).
    public var maximumStock: Int?
    /// A fixed reorder point that replaces the computed one.
    public var reorderPoint: Int?
    /// Unit cost in minor units (Shopify keeps cost on the inventory item, which webhooks do not carry).
    public var unitCostMinor: Int64?
    /// Unit cost as a share of the price when no unit cost is known.
    public var costShare: Double?
    /// Annual holding cost as a share of unit cost (capital, space, shrinkage, obsolescence).
    public var holdingCostRate: Double?
    /// Fixed cost of placing one order line, in minor units; when set, orders are sized by EOQ.
    public var orderCostMinor: Int64?
    /// Days of cover beyond which stock counts as overstock.
    public var overstockDays: Int?
    /// Days without a sale, with stock on hand, after which stock counts as dead.
    public var deadStockDays: Int?
    /// Do not suggest orders (discontinued, made to order, consignment …).
    public var excluded: Bool?
    /// Widens the forecast's intervals before lead-time demand is built (variance × its square):
    /// per-day intervals summed as independent understate demand whose errors persist from day to
    /// day. Fitted per shop by `storewise replenish calibrate`; 1 when never calibrated.
    public var intervalSpread: Double?

    public init(
        serviceLevel: Double? = nil, fillRate: Double? = nil, newsvendor: Bool? = nil, leadTimeDays: Double? = nil,
        leadTimeSDDays: Double? = nil, reviewPeriodDays: Int? = nil, casePack: Int? = nil, minimumOrderQuantity: Int? = nil,
        minimumStock: Int? = nil, maximumStock: Int? = nil, reorderPoint: Int? = nil, unitCostMinor: Int64? = nil,
        costShare: Double? = nil, holdingCostRate: Double? = nil, orderCostMinor: Int64? = nil, overstockDays: Int? = nil,
        deadStockDays: Int? = nil, excluded: Bool? = nil, intervalSpread: Double? = nil
    ) {
        self.serviceLevel = serviceLevel; self.fillRate = fillRate; self.newsvendor = newsvendor
        self.leadTimeDays = leadTimeDays; self.leadTimeSDDays = leadTimeSDDays; self.reviewPeriodDays = reviewPeriodDays
        self.casePack = casePack; self.minimumOrderQuantity = minimumOrderQuantity; self.minimumStock = minimumStock
        self.maximumStock = maximumStock; self.reorderPoint = reorderPoint; self.unitCostMinor = unitCostMinor
        self.costShare = costShare; self.holdingCostRate = holdingCostRate; self.orderCostMinor = orderCostMinor
        self.overstockDays = overstockDays; self.deadStockDays = deadStockDays; self.excluded = excluded
        self.intervalSpread = intervalSpread
    }

    /// The built-in defaults every shop starts from.
    public static let defaults = ReplenishmentOverrides(
        serviceLevel: 0.95, newsvendor: false, leadTimeDays: 14, leadTimeSDDays: 0, reviewPeriodDays: 7, casePack: 1,
        minimumOrderQuantity: 0, costShare: 0.5, holdingCostRate: 0.25, overstockDays: 120, deadStockDays: 90,
        excluded: false, intervalSpread: 1)

    /// These settings with every nil field taken from `wider`.
    public func inheriting(from wider: ReplenishmentOverrides) -> ReplenishmentOverrides {
        ReplenishmentOverrides(
            serviceLevel: serviceLevel ?? wider.serviceLevel, fillRate: fillRate ?? wider.fillRate,
            newsvendor: newsvendor ?? wider.newsvendor, leadTimeDays: leadTimeDays ?? wider.leadTimeDays,
            leadTimeSDDays: leadTimeSDDays ?? wider.leadTimeSDDays, reviewPeriodDays: reviewPeriodDays ?? wider.reviewPeriodDays,
            casePack: casePack ?? wider.casePack, minimumOrderQuantity: minimumOrderQuantity ?? wider.minimumOrderQuantity,
            minimumStock: minimumStock ?? wider.minimumStock, maximumStock: maximumStock ?? wider.maximumStock,
            reorderPoint: reorderPoint ?? wider.reorderPoint, unitCostMinor: unitCostMinor ?? wider.unitCostMinor,
            costShare: costShare ?? wider.costShare, holdingCostRate: holdingCostRate ?? wider.holdingCostRate,
            orderCostMinor: orderCostMinor ?? wider.orderCostMinor, overstockDays: overstockDays ?? wider.overstockDays,
            deadStockDays: deadStockDays ?? wider.deadStockDays, excluded: excluded ?? wider.excluded,
            intervalSpread: intervalSpread ?? wider.intervalSpread)
    }

    /// Checks every set field; the error names the first bad one.
    public func validate() throws {
        func check(_ ok: Bool, _ field: String, _ reason: String) throws {
            if !ok { throw ReplenishmentSettingsError.invalidField(name: field, reason: reason) }
        }
        if let v = serviceLevel { try check(v > 0 && v < 1, "serviceLevel", "must be in (0, 1), got \(v)") }
        if let v = fillRate { try check(v > 0 && v < 1, "fillRate", "must be in (0, 1), got \(v)") }
        if let v = leadTimeDays { try check(v >= 0 && v <= 365, "leadTimeDays", "must be in 0...365, got \(v)") }
        if let v = leadTimeSDDays { try check(v >= 0 && v <= 180, "leadTimeSDDays", "must be in 0...180, got \(v)") }
        if let v = reviewPeriodDays { try check(v >= 1 && v <= 365, "reviewPeriodDays", "must be in 1...365, got \(v)") }
        if let v = casePack { try check(v >= 1, "casePack", "must be at least 1, got \(v)") }
        if let v = minimumOrderQuantity { try check(v >= 0, "minimumOrderQuantity", "must not be negative, got \(v)") }
        if let v = minimumStock { try check(v >= 0, "minimumStock", "must not be negative, got \(v)") }
        if let v = maximumStock { try check(v >= 0, "maximumStock", "must not be negative, got \(v)") }
        if let lo = minimumStock, let hi = maximumStock { try check(lo <= hi, "maximumStock", "must be at least minimumStock (\(lo)), got \(hi)") }
        if let v = reorderPoint { try check(v >= 0, "reorderPoint", "must not be negative, got \(v)") }
        if let v = unitCostMinor { try check(v >= 0, "unitCostMinor", "must not be negative, got \(v)") }
        if let v = costShare { try check(v > 0 && v <= 1, "costShare", "must be in (0, 1], got \(v)") }
        if let v = holdingCostRate { try check(v > 0 && v <= 5, "holdingCostRate", "must be in (0, 5] per year, got \(v)") }
        if let v = orderCostMinor { try check(v >= 0, "orderCostMinor", "must not be negative, got \(v)") }
        if let v = overstockDays { try check(v >= 1, "overstockDays", "must be at least 1, got \(v)") }
        if let v = deadStockDays { try check(v >= 1, "deadStockDays", "must be at least 1, got \(v)") }
        if let v = intervalSpread { try check(v >= 0.25 && v <= 4, "intervalSpread", "must be in 0.25...4, got \(v)") }
    }
}

/// A bad replenishment setting, naming the field.
public enum ReplenishmentSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidField(name: String, reason: String)
    case invalidKey(scope: String, key: String, reason: String)

    public var description: String {
        switch self {
        case .invalidField(let name, let reason): "replenishment setting \(name): \(reason)"
        case .invalidKey(let scope, let key, let reason): "replenishment setting key '\(key)' for scope \(scope): \(reason)"
        }
    }
}
