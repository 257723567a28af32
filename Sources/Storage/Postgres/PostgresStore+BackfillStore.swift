import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: BackfillStore {
    public func backfillCheckpoints(shopID: Int64) async throws -> [BackfillCheckpoint] {
        throw PostgresStoreError.notImplemented("BackfillStore.backfillCheckpoints")
    }

    public func saveBackfillCheckpoint(_ checkpoint: BackfillCheckpoint) async throws {
        throw PostgresStoreError.notImplemented("BackfillStore.saveBackfillCheckpoint")
    }

    public func clearBackfill(shopID: Int64) async throws {
        throw PostgresStoreError.notImplemented("BackfillStore.clearBackfill")
    }
}
