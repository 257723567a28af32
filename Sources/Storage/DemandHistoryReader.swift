import Foundation

/// One `daily_demand` row as forecasting reads it: sales and the stock seen that day.
public struct StockedDemandDay: Hashable, Sendable, Codable {
    public var variantID: Int64
    public var locationID: Int64
    /// The shop's calendar day, "YYYY-MM-DD".
    public var day: String
    public var units: Int
    public var inStock: Bool
    /// Stock at the day's latest inventory observation; nil when no observation fell on the day.
    public var availableEnd: Int64?

    public init(variantID: Int64, locationID: Int64, day: String, units: Int, inStock: Bool, availableEnd: Int64?) {
        self.variantID = variantID; self.locationID = locationID; self.day = day; self.units = units
        self.inStock = inStock; self.availableEnd = availableEnd
    }
}

/// The demand history forecasting needs: the sparse daily demand rows with their stock
/// observations, so days without a row can carry the stock forward (see `DemandHistory`).
public protocol DemandHistoryReader: Sendable {
    /// Every daily demand row of the shop from `fromDay` through `throughDay` (either end open when
    /// nil), optionally of one variant × location, ordered by variant, location and day.
    func stockedDemand(shopID: Int64, variantID: Int64?, locationID: Int64?, fromDay: String?, throughDay: String?) async throws -> [StockedDemandDay]
    /// The latest day with a demand row in the shop, or nil when it has none.
    func latestDemandDay(shopID: Int64) async throws -> String?
}

extension DemandHistoryReader {
    /// Every row on or before `throughDay`: the whole history (forecasting reads it all).
    public func stockedDemand(shopID: Int64, variantID: Int64?, locationID: Int64?, throughDay: String?) async throws -> [StockedDemandDay] {
        try await stockedDemand(shopID: shopID, variantID: variantID, locationID: locationID, fromDay: nil, throughDay: throughDay)
    }
}
