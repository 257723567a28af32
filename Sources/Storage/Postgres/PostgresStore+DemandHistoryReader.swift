import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: DemandHistoryReader {
    public func stockedDemand(shopID: Int64, variantID: Int64?, locationID: Int64?, fromDay: String?, throughDay: String?) async throws -> [StockedDemandDay] {
        throw PostgresStoreError.notImplemented("DemandHistoryReader.stockedDemand")
    }

    public func latestDemandDay(shopID: Int64) async throws -> String? {
        throw PostgresStoreError.notImplemented("DemandHistoryReader.latestDemandDay")
    }
}
