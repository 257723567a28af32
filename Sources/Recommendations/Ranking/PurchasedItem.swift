/// An item in the customer's own purchase history.
public struct PurchasedItem: Sendable, Equatable, Hashable {
    /// Dense item index.
    public var item: Int32
    /// Orders (baskets) of the customer that contained it; at least 1.
    public var orders: Int
    /// When it was last bought (seconds since 1970), or nil when unknown.
    public var lastTime: Int64?

    public init(item: Int32, orders: Int, lastTime: Int64? = nil) {
        self.item = item; self.orders = orders; self.lastTime = lastTime
    }
}
