import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: LifecycleInputs {
    public func eventRange(shopID: Int64) async throws -> EventRange {
        throw PostgresStoreError.notImplemented("LifecycleInputs.eventRange")
    }

    public func projectionDigest(shopID: Int64, tables: [String]) async throws -> String {
        throw PostgresStoreError.notImplemented("LifecycleInputs.projectionDigest")
    }

    public func catalogSnapshot(shopID: Int64) async throws -> [CatalogEntry] {
        throw PostgresStoreError.notImplemented("LifecycleInputs.catalogSnapshot")
    }

    public func orderFeatureRows(shopID: Int64, from: Date, to: Date) async throws -> [OrderFeatureRow] {
        throw PostgresStoreError.notImplemented("LifecycleInputs.orderFeatureRows")
    }
}
