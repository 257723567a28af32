/// The health of one variant × location as merchants read it, worst first.
///
/// How `StockHealth.assess` picks one is documented on `StockHealth`.
public enum HealthStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing on hand.
    case outOfStock = "out_of_stock"
    /// The inventory position is at or below the reorder point: order now.
    case reorder
    /// Above the reorder point, but an order must be placed before the next review to arrive before
    /// the position falls below safety stock.
    case atRisk = "at_risk"
    case healthy
    /// More cover than the overstock limit and more than the order-up-to level.
    case overstock
    /// Stock on hand and no sale within the dead-stock window (or never).
    case deadStock = "dead_stock"

    /// Whether the item belongs on the at-risk list: out of stock, due for reorder, or at risk.
    public var needsAttention: Bool {
        switch self {
        case .outOfStock, .reorder, .atRisk: true
        case .healthy, .overstock, .deadStock: false
        }
    }
}
