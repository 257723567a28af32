/// One rule's run on one series: the metrics and the day-by-day trace behind them.
public struct SeriesSimulation: Sendable, Hashable {
    /// An order the rule placed during the window.
    public struct PlacedOrder: Sendable, Hashable {
        /// Day placed and day received (series indices; may lie beyond the window).
        public var day: Int
        public var arrival: Int
        public var quantity: Int

        public init(day: Int, arrival: Int, quantity: Int) {
            self.day = day
            self.arrival = arrival
            self.quantity = quantity
        }
    }

    public var metrics: SimulationMetrics
    /// Units put on the shelf at the window start (the rule's order-up-to level then).
    public var initialStock: Int
    /// Per window day: units served, units lost, units on hand at the end of the day.
    public var served: [Int]
    public var lost: [Int]
    public var onHand: [Int]
    /// Orders placed, in day order.
    public var orders: [PlacedOrder]
}
