/// The inventory-versus-fill-rate trade-off a rule traces when its service level is varied,
/// for comparing another rule "at equal inventory" or "at equal fill rate".
///
/// A single run of each rule does not say which is better when one holds more stock and also
/// serves more. Running Storewise at several service levels gives points (average inventory,
/// fill rate); linear interpolation between neighbouring points reads Storewise's fill rate at the
/// other rule's inventory, or the inventory Storewise needs for the other rule's fill rate. No
/// extrapolation: outside the traced range the answer is nil.
///
/// ```swift
/// let frontier = ServiceFrontier([(inventory: 100, fillRate: 0.90), (inventory: 140, fillRate: 0.96)])
/// frontier.fillRate(atInventory: 120)     // 0.93
/// frontier.inventory(atFillRate: 0.93)    // 120
/// ```
public struct ServiceFrontier: Sendable, Hashable {
    /// One traced point.
    public struct Point: Sendable, Hashable {
        public var inventory: Double
        public var fillRate: Double

        public init(inventory: Double, fillRate: Double) {
            self.inventory = inventory
            self.fillRate = fillRate
        }
    }

    /// The points, by increasing inventory.
    public var points: [Point]

    public init(_ points: [Point]) {
        self.points = points.filter { $0.inventory.isFinite && $0.fillRate.isFinite }.sorted { $0.inventory < $1.inventory }
    }

    public init(_ points: [(inventory: Double, fillRate: Double)]) {
        self.init(points.map { Point(inventory: $0.inventory, fillRate: $0.fillRate) })
    }

    /// The fill rate at `inventory`, interpolated between the two points around it (by inventory);
    /// nil outside the traced range.
    public func fillRate(atInventory inventory: Double) -> Double? {
        Self.interpolate(points.map { ($0.inventory, $0.fillRate) }, at: inventory)
    }

    /// The inventory that gives `fillRate`, interpolated between the two points around it (by fill
    /// rate); nil outside the traced range.
    public func inventory(atFillRate fillRate: Double) -> Double? {
        Self.interpolate(points.map { ($0.fillRate, $0.inventory) }.sorted { $0.0 < $1.0 }, at: fillRate)
    }

    /// y at x on the polyline through `xy` (sorted by x). Where x values tie, the first segment
    /// containing x answers.
    private static func interpolate(_ xy: [(Double, Double)], at x: Double) -> Double? {
        guard let first = xy.first, let last = xy.last, x >= first.0, x <= last.0 else { return nil }
        if xy.count == 1 { return first.1 }
        for k in 1..<xy.count where x <= xy[k].0 {
            let (x0, y0) = xy[k - 1], (x1, y1) = xy[k]
            if x1 == x0 { return y0 }
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        }
        return last.1
    }
}
