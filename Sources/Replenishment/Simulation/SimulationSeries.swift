/// One item's true daily demand and unit value, the input of an inventory simulation.
///
/// The demand is what customers would have bought with unlimited stock; the simulation decides
/// how much of it is served. Values are whole units (M5 sales, simulator counts).
public struct SimulationSeries: Sendable, Hashable {
    /// A name for errors and reports, e.g. the M5 row id.
    public var id: String
    /// True demand per day, oldest first.
    public var demand: [Double]
    /// Value of one unit on each day (same length as `demand`): the cost, or the sell price when
    /// the cost is unknown (M5).
    public var unitValue: [Double]

    /// A series with a value per day.
    public init(id: String, demand: [Double], unitValue: [Double]) {
        self.id = id
        self.demand = demand
        self.unitValue = unitValue
    }

    /// A series whose unit value never changes.
    public init(id: String, demand: [Double], unitValue: Double) {
        self.init(id: id, demand: demand, unitValue: [Double](repeating: unitValue, count: demand.count))
    }

    /// Checks that demand and values are finite, non-negative and aligned; errors name the field.
    public func validate() throws {
        guard unitValue.count == demand.count else {
            throw ReplenishmentError.invalidParameter(name: "unitValue", reason: "has \(unitValue.count) days for \(demand.count) days of demand in series \(id)")
        }
        if let bad = demand.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw ReplenishmentError.invalidParameter(name: "demand", reason: "day \(bad) of series \(id) is \(demand[bad]); demand must be finite and non-negative")
        }
        if let bad = unitValue.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw ReplenishmentError.invalidParameter(name: "unitValue", reason: "day \(bad) of series \(id) is \(unitValue[bad]); values must be finite and non-negative")
        }
    }
}
