import Foundation
import GRDB

/// The demand rows forecasting reads, with their stock observations.
extension SQLiteStore: DemandHistoryReader {
    public func stockedDemand(shopID: Int64, variantID: Int64?, locationID: Int64?, fromDay: String?, throughDay: String?) async throws -> [StockedDemandDay] {
        try await writer.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT variant_id, location_id, day, units, in_stock, available_end FROM daily_demand
                WHERE shop_id = ?1 AND (?2 IS NULL OR variant_id = ?2) AND (?3 IS NULL OR location_id = ?3)
                  AND (?4 IS NULL OR day <= ?4) AND (?5 IS NULL OR day >= ?5)
                ORDER BY variant_id, location_id, day
                """, arguments: [shopID, variantID, locationID, throughDay, fromDay])
            var rows: [StockedDemandDay] = []
            while let row = try cursor.next() {
                rows.append(StockedDemandDay(variantID: row[0], locationID: row[1], day: row[2], units: row[3],
                                             inStock: row[4], availableEnd: row[5]))
            }
            return rows
        }
    }

    public func latestDemandDay(shopID: Int64) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT max(day) FROM daily_demand WHERE shop_id = ?", arguments: [shopID])
        }
    }
}
