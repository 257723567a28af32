import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: CustomerValueStore {
    public func customerOrders(shopID: Int64) async throws -> [CustomerOrderRow] {
        throw PostgresStoreError.notImplemented("CustomerValueStore.customerOrders")
    }

    public func customerContacts(shopID: Int64) async throws -> [CustomerContact] {
        throw PostgresStoreError.notImplemented("CustomerValueStore.customerContacts")
    }

    public func saveCustomerScores(_ run: CustomerValueRun, scores: [CustomerScoreRow], keepRuns: Int) async throws -> CustomerValueRun {
        throw PostgresStoreError.notImplemented("CustomerValueStore.saveCustomerScores")
    }

    public func latestCustomerValueRun(shopID: Int64) async throws -> CustomerValueRun? {
        throw PostgresStoreError.notImplemented("CustomerValueStore.latestCustomerValueRun")
    }

    public func customerValueRuns(shopID: Int64, limit: Int) async throws -> [CustomerValueRun] {
        throw PostgresStoreError.notImplemented("CustomerValueStore.customerValueRuns")
    }

    public func customerScore(shopID: Int64, customerID: Int64) async throws -> CustomerScoreRow? {
        throw PostgresStoreError.notImplemented("CustomerValueStore.customerScore")
    }

    public func customerScores(shopID: Int64, query: CustomerScoreQuery) async throws -> (rows: [CustomerScoreRow], total: Int) {
        throw PostgresStoreError.notImplemented("CustomerValueStore.customerScores")
    }

    public func segmentSummaries(shopID: Int64) async throws -> [SegmentSummary] {
        throw PostgresStoreError.notImplemented("CustomerValueStore.segmentSummaries")
    }

    public func valueDistribution(shopID: Int64, bounds: [Int64]) async throws -> [Int] {
        throw PostgresStoreError.notImplemented("CustomerValueStore.valueDistribution")
    }

    public func customerProfile(shopID: Int64, customerID: Int64) async throws -> CustomerProfile? {
        throw PostgresStoreError.notImplemented("CustomerValueStore.customerProfile")
    }

    public func audience(shopID: Int64, segment: String?, channel: MarketingChannel) async throws -> [AudienceMember] {
        throw PostgresStoreError.notImplemented("CustomerValueStore.audience")
    }
}
