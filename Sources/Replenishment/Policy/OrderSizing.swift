/// How much to order when ordering.
public enum OrderSizing: Sendable, Hashable {
    /// Order up to S = s (periodic review (R, S); with a minimum-stock floor, (s, S)).
    case upToLevel
    /// Fixed lot EOQ = √(2·D·K/H), with D annual demand (units), K cost per order, H holding cost per
    /// unit-year; the order brings the position to at least ROP + EOQ.
    case economicOrderQuantity(orderCost: Double, holdingCostPerUnitYear: Double)
}
