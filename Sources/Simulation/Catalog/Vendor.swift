/// A supplier the shop reorders from: its lead time and the weekday it reviews stock.
public struct Vendor: Sendable, Hashable {
    public var name: String
    /// Mean days from purchase order to delivery; each delivery varies by up to two days more.
    public var leadTimeDays: Int
    /// Weekday (1 = Sunday … 7 = Saturday) on which the shop reviews this vendor's stock and orders.
    public var reviewWeekday: Int

    public init(name: String, leadTimeDays: Int, reviewWeekday: Int) {
        self.name = name; self.leadTimeDays = leadTimeDays; self.reviewWeekday = reviewWeekday
    }
}
