import Foundation

/// One order as the drift checks see it: the features every model kind's inputs share.
public struct OrderFeatureRow: Sendable, Hashable, Codable {
    public var orderID: Int64
    public var createdAt: Date
    /// Shop-local day "YYYY-MM-DD".
    public var day: String
    /// Order total in minor units, lines, units.
    public var totalMinor: Int64
    public var lineCount: Int
    public var units: Int
    /// "online" or "pos".
    public var channel: String
    public var discounted: Bool
    /// The customer's earlier orders in this shop (0: first order; nil: no customer).
    public var priorOrders: Int?
    /// The product type of the order's largest line ("" when none).
    public var topProductType: String

    public init(orderID: Int64, createdAt: Date, day: String, totalMinor: Int64, lineCount: Int, units: Int, channel: String,
                discounted: Bool, priorOrders: Int?, topProductType: String) {
        self.orderID = orderID; self.createdAt = createdAt; self.day = day; self.totalMinor = totalMinor; self.lineCount = lineCount
        self.units = units; self.channel = channel; self.discounted = discounted; self.priorOrders = priorOrders
        self.topProductType = topProductType
    }
}

/// The event-log range of a shop: first and last event ids and the count.
public struct EventRange: Sendable, Hashable, Codable {
    public var firstEventID: Int64
    public var lastEventID: Int64
    public var count: Int

    public init(firstEventID: Int64, lastEventID: Int64, count: Int) {
        self.firstEventID = firstEventID; self.lastEventID = lastEventID; self.count = count
    }
}

/// What the lifecycle reads besides the model kinds' own stores: data identity, the catalog
/// for the change trigger, and order features for drift.
public protocol LifecycleInputs: Sendable {
    func eventRange(shopID: Int64) async throws -> EventRange
    /// Hex SHA-256 of the named projection tables' rows of the shop, in key order (the
    /// table names are those of `projectionTables`: e.g. ["daily_demand"], ["orders", "order_lines"]).
    func projectionDigest(shopID: Int64, tables: [String]) async throws -> String
    /// Every variant of the shop's active products, by variant id.
    func catalogSnapshot(shopID: Int64) async throws -> [CatalogEntry]
    /// Counted orders (not test, not cancelled) created in `[from, to)`, oldest first.
    func orderFeatureRows(shopID: Int64, from: Date, to: Date) async throws -> [OrderFeatureRow]
}
