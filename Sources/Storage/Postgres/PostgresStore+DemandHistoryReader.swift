import Commerce
import Foundation
import PostgresNIO

/// The demand rows forecasting reads, with their stock observations (as `SQLiteStore+DemandHistory`).
extension PostgresStore: DemandHistoryReader {
    /// Streamed, not collected twice: a shop's whole history can be millions of rows.
    public func stockedDemand(shopID: Int64, variantID: Int64?, locationID: Int64?, fromDay: String?, throughDay: String?) async throws -> [StockedDemandDay] {
        let sequence = try await client.query("""
            SELECT variant_id, location_id, day, units, in_stock, available_end FROM daily_demand
            WHERE shop_id = \(shopID) AND (\(variantID)::bigint IS NULL OR variant_id = \(variantID)::bigint)
              AND (\(locationID)::bigint IS NULL OR location_id = \(locationID)::bigint)
              AND (\(throughDay)::text IS NULL OR day <= \(throughDay)::text)
              AND (\(fromDay)::text IS NULL OR day >= \(fromDay)::text)
            ORDER BY variant_id, location_id, day COLLATE "C"
            """, logger: logger)
        var days: [StockedDemandDay] = []
        for try await row in sequence {
            let (variant, location, day, units, inStock, availableEnd) =
                try row.decode((Int64, Int64, String, Int, Int64, Int64?).self)
            days.append(StockedDemandDay(variantID: variant, locationID: location, day: day, units: units,
                                         inStock: inStock != 0, availableEnd: availableEnd))
        }
        return days
    }

    public func latestDemandDay(shopID: Int64) async throws -> String? {
        try await rows("SELECT max(day COLLATE \"C\") FROM daily_demand WHERE shop_id = \(shopID)").first?.decode(String?.self) ?? nil
    }
}
