import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: PredictionLogStore {
    public func appendPredictions(_ entries: [PredictionLogEntry]) async throws {
        throw PostgresStoreError.notImplemented("PredictionLogStore.appendPredictions")
    }

    public func predictions(shopID: Int64, kind: String?, limit: Int) async throws -> [PredictionLogEntry] {
        throw PostgresStoreError.notImplemented("PredictionLogStore.predictions")
    }

    public func predictionCounts(shopID: Int64) async throws -> [PredictionCount] {
        throw PostgresStoreError.notImplemented("PredictionLogStore.predictionCounts")
    }

    public func prunePredictions(before: Int64) async throws -> Int {
        throw PostgresStoreError.notImplemented("PredictionLogStore.prunePredictions")
    }
}
