import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: EventLog {
    public func ingest(_ events: [IncomingEvent]) async throws -> [IngestOutcome] {
        throw PostgresStoreError.notImplemented("EventLog.ingest")
    }

    public func eventCount(shopID: Int64) async throws -> Int {
        throw PostgresStoreError.notImplemented("EventLog.eventCount")
    }

    public func events(shopID: Int64, after: Int64, limit: Int) async throws -> [StoredEvent] {
        throw PostgresStoreError.notImplemented("EventLog.events")
    }

    public func containsWebhook(shopID: Int64, webhookID: String) async throws -> Bool {
        throw PostgresStoreError.notImplemented("EventLog.containsWebhook")
    }

    public func rebuildProjections(shopID: Int64, progress: @Sendable (Int, Int) -> Void) async throws {
        throw PostgresStoreError.notImplemented("EventLog.rebuildProjections")
    }

    public func projectionDigest(shopID: Int64) async throws -> String {
        throw PostgresStoreError.notImplemented("EventLog.projectionDigest")
    }

    public func deleteShopData(shopID: Int64) async throws {
        throw PostgresStoreError.notImplemented("EventLog.deleteShopData")
    }
}
