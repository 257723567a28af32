import Foundation

/// One replenishment plan of a shop: which forecast it used, when, and summary figures.
public struct ReplenishmentPlanRun: Hashable, Sendable, Codable {
    /// Assigned by the store when saved.
    public var id: Int64
    public var shopID: Int64
    /// The forecast run the plan read.
    public var forecastRunID: Int64
    public var createdAt: Date
    /// The last day of history ("YYYY-MM-DD"); day 1 of the plan is the day after.
    public var asOfDay: String
    /// Variant × location lines planned, and how many suggest an order now.
    public var lineCount: Int
    public var orderLineCount: Int
    public var durationSeconds: Double
    /// Summary figures by name (e.g. `order_value_minor`, `at_risk`, `lost_revenue_per_day_minor`).
    public var metrics: [String: Double]

    public init(
        id: Int64 = 0, shopID: Int64, forecastRunID: Int64, createdAt: Date, asOfDay: String, lineCount: Int,
        orderLineCount: Int, durationSeconds: Double, metrics: [String: Double] = [:]
    ) {
        self.id = id; self.shopID = shopID; self.forecastRunID = forecastRunID; self.createdAt = createdAt
        self.asOfDay = asOfDay; self.lineCount = lineCount; self.orderLineCount = orderLineCount
        self.durationSeconds = durationSeconds; self.metrics = metrics
    }
}

/// Health of one variant × location, worst first when sorted by severity.
public enum StockStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case outOfStock = "out_of_stock"
    /// The position is at or below the reorder point: order now.
    case reorder
    /// Not yet at the reorder point, but likely to run out before an order placed at the next review arrives.
    case atRisk = "at_risk"
    case healthy
    case overstock
    /// Stock on hand and no sale for the dead-stock window.
    case deadStock = "dead_stock"
    /// Excluded by a setting, or not stocked (no inventory tracked).
    case notPlanned = "not_planned"
}

/// One row of the replenishment table: stock, velocity, policy, suggestion and why.
public struct ReplenishmentLine: Hashable, Sendable, Codable {
    public var variantID: Int64
    public var locationID: Int64
    public var productID: Int64
    public var sku: String?
    public var productTitle: String
    public var variantTitle: String
    public var vendor: String?
    public var locationName: String?
    public var onHand: Int
    public var onOrder: Int
    public var committed: Int
    /// on hand + on order − committed.
    public var position: Int
    /// Units per in-stock day over the velocity window (stockout days excluded).
    public var velocity: Double
    public var inStockDays: Int
    /// Days the position lasts at the forecast; nil when the forecast expects no sales.
    public var daysOfCover: Double?
    public var leadTimeDays: Double
    public var reviewPeriodDays: Int
    /// The cycle service level the policy used (from the setting, the fill-rate target or the newsvendor ratio).
    public var serviceLevel: Double
    /// "normal", "poisson", "negative_binomial" or "empirical".
    public var distribution: String
    /// Expected demand over the lead time.
    public var leadTimeDemand: Double
    public var safetyStock: Double
    public var reorderPoint: Int
    public var orderUpTo: Int
    /// Units to order now (0 when none), after case-pack, MOQ and min/max rules.
    public var suggestedQuantity: Int
    /// The last day to order without falling below safety stock before delivery; nil when not within the horizon.
    public var replenishBy: String?
    /// P(demand before an order placed now arrives > position).
    public var stockoutRisk: Double
    public var lostRevenuePerDayMinor: Int64
    public var priceMinor: Int64
    public var unitCostMinor: Int64
    /// "A", "B" or "C" by revenue; "X", "Y" or "Z" by demand variability.
    public var abcClass: String
    public var xyzClass: String
    public var status: StockStatus
    /// Suggested markdown in percent for overstock and dead stock, else nil.
    public var markdownPercent: Int?
    /// Why: the numbers behind the suggestion, in words.
    public var reason: String

    public init(
        variantID: Int64, locationID: Int64, productID: Int64, sku: String?, productTitle: String, variantTitle: String,
        vendor: String?, locationName: String?, onHand: Int, onOrder: Int, committed: Int, position: Int, velocity: Double,
        inStockDays: Int, daysOfCover: Double?, leadTimeDays: Double, reviewPeriodDays: Int, serviceLevel: Double,
        distribution: String, leadTimeDemand: Double, safetyStock: Double, reorderPoint: Int, orderUpTo: Int,
        suggestedQuantity: Int, replenishBy: String?, stockoutRisk: Double, lostRevenuePerDayMinor: Int64,
        priceMinor: Int64, unitCostMinor: Int64, abcClass: String, xyzClass: String, status: StockStatus,
        markdownPercent: Int?, reason: String
    ) {
        self.variantID = variantID; self.locationID = locationID; self.productID = productID; self.sku = sku
        self.productTitle = productTitle; self.variantTitle = variantTitle; self.vendor = vendor
        self.locationName = locationName; self.onHand = onHand; self.onOrder = onOrder; self.committed = committed
        self.position = position; self.velocity = velocity; self.inStockDays = inStockDays; self.daysOfCover = daysOfCover
        self.leadTimeDays = leadTimeDays; self.reviewPeriodDays = reviewPeriodDays; self.serviceLevel = serviceLevel
        self.distribution = distribution; self.leadTimeDemand = leadTimeDemand; self.safetyStock = safetyStock
        self.reorderPoint = reorderPoint; self.orderUpTo = orderUpTo; self.suggestedQuantity = suggestedQuantity
        self.replenishBy = replenishBy; self.stockoutRisk = stockoutRisk; self.lostRevenuePerDayMinor = lostRevenuePerDayMinor
        self.priceMinor = priceMinor; self.unitCostMinor = unitCostMinor; self.abcClass = abcClass; self.xyzClass = xyzClass
        self.status = status; self.markdownPercent = markdownPercent; self.reason = reason
    }
}

/// Move units from a location with surplus to one that will run short, instead of buying.
public struct TransferSuggestion: Hashable, Sendable, Codable {
    public var variantID: Int64
    public var fromLocationID: Int64
    public var toLocationID: Int64
    public var quantity: Int
    public var reason: String

    public init(variantID: Int64, fromLocationID: Int64, toLocationID: Int64, quantity: Int, reason: String) {
        self.variantID = variantID; self.fromLocationID = fromLocationID; self.toLocationID = toLocationID
        self.quantity = quantity; self.reason = reason
    }
}

/// Where a purchase order is in its life. Allowed moves: draft → approved | cancelled;
/// approved → ordered | draft | cancelled; ordered → received | cancelled; a newer plan marks
/// an older plan's untouched drafts `superseded`.
public enum PurchaseOrderStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case draft, approved, ordered, received, cancelled, superseded

    /// Whether a move from this status to `next` is allowed.
    public func canMove(to next: PurchaseOrderStatus) -> Bool {
        switch (self, next) {
        case (.draft, .approved), (.draft, .cancelled), (.draft, .superseded): true
        case (.approved, .ordered), (.approved, .draft), (.approved, .cancelled): true
        case (.ordered, .received), (.ordered, .cancelled): true
        default: false
        }
    }
}

/// One line of a purchase order: what to buy for which location, and why.
public struct PurchaseOrderLine: Hashable, Sendable, Codable {
    public var variantID: Int64
    public var locationID: Int64
    public var sku: String?
    public var title: String
    /// Units to order (editable while the order is a draft).
    public var quantity: Int
    /// What the plan suggested, kept when the line is edited.
    public var suggestedQuantity: Int
    public var unitCostMinor: Int64
    public var reason: String

    public init(variantID: Int64, locationID: Int64, sku: String?, title: String, quantity: Int, suggestedQuantity: Int, unitCostMinor: Int64, reason: String) {
        self.variantID = variantID; self.locationID = locationID; self.sku = sku; self.title = title
        self.quantity = quantity; self.suggestedQuantity = suggestedQuantity; self.unitCostMinor = unitCostMinor
        self.reason = reason
    }

    /// Whether a person changed the quantity.
    public var isEdited: Bool { quantity != suggestedQuantity }
}

/// A purchase order to one vendor, drafted from a plan. Until the approval queue exists it is
/// stored with a status and moved by people through the API or CLI.
public struct PurchaseOrderDraft: Hashable, Sendable, Codable {
    /// Assigned by the store when saved.
    public var id: Int64
    public var shopID: Int64
    public var planRunID: Int64
    /// "" when the products have no vendor.
    public var vendor: String
    public var status: PurchaseOrderStatus
    public var createdAt: Date
    public var updatedAt: Date
    /// When the goods are expected, "YYYY-MM-DD" (as-of day + lead time when drafted).
    public var expectedArrivalDay: String?
    public var currency: String
    public var lines: [PurchaseOrderLine]

    public init(
        id: Int64 = 0, shopID: Int64, planRunID: Int64, vendor: String, status: PurchaseOrderStatus = .draft,
        createdAt: Date, updatedAt: Date, expectedArrivalDay: String?, currency: String, lines: [PurchaseOrderLine]
    ) {
        self.id = id; self.shopID = shopID; self.planRunID = planRunID; self.vendor = vendor; self.status = status
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.expectedArrivalDay = expectedArrivalDay
        self.currency = currency; self.lines = lines
    }

    public var totalUnits: Int { lines.reduce(0) { $0 + $1.quantity } }
    public var totalCostMinor: Int64 { lines.reduce(0) { $0 + Int64($1.quantity) * $1.unitCostMinor } }
}

/// Filter, sort and page for the replenishment table.
public struct ReplenishmentLineQuery: Hashable, Sendable, Codable {
    /// Columns the table sorts by.
    public enum SortKey: String, Hashable, Sendable, Codable, CaseIterable {
        case sku, product, location, onHand = "on_hand", onOrder = "on_order", velocity, daysOfCover = "days_of_cover"
        case reorderPoint = "reorder_point", suggestedQuantity = "suggested_quantity", replenishBy = "replenish_by"
        case lostRevenue = "lost_revenue", stockoutRisk = "stockout_risk", status
    }

    public var statuses: [StockStatus] = []
    public var vendor: String?
    public var locationID: Int64?
    public var abcClass: String?
    /// Case-insensitive match on SKU or product/variant title.
    public var search: String?
    /// Only lines with a suggested order.
    public var onlyToOrder = false
    /// Lost revenue, largest first, is the default (Stocky's order).
    public var sort: SortKey = .lostRevenue
    public var descending = true
    public var limit = 100
    public var offset = 0

    public init() {}
}
