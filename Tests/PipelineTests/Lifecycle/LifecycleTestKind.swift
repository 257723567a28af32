import Commerce
import Foundation
import Monitoring
import Pipeline
import Storage
import Synchronization

/// A model kind for lifecycle tests: training returns the next of a fixed list of holdout
/// values (the last one repeats), so promotion decisions are known in advance.
final class LifecycleTestKind: ModelKind, Sendable {
    let name: String
    let title = "Test kind"
    let primaryMetric = "mase"
    let higherIsBetter = false
    let projectionTables = ["daily_demand"]
    let parameters = ["method": "test"]
    let values: [Double]
    let trainings = Mutex(0)

    init(name: String = "forecast", values: [Double]) {
        self.name = name; self.values = values
    }

    func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel {
        let n = trainings.withLock { count in count += 1; return count }
        let value = values[min(n - 1, values.count - 1)]
        return TrainedModel(holdoutMetrics: ["mase": value], artifactURI: "test-run:\(n)", artifactDigest: "digest-\(n)",
                            asOfDay: "2024-03-31", summary: [:])
    }

    func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord? { nil }
    func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn] { [] }
}

extension SQLiteStore {
    /// A shop with no events, for registry-only tests.
    static func lifecycleShop() async throws -> (SQLiteStore, Int64) {
        let store = try SQLiteStore.inMemory()
        let shop = try await store.createShop(Shop(domain: "life.myshopify.com", name: "Life", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        return (store, shop.id)
    }

    /// Registers a ready version of `kind` with a holdout MASE.
    func registerTestVersion(shopID: Int64, kind: String = "forecast", mase: Double) async throws -> ModelVersion {
        try await registerModelVersion(ModelVersionDraft(
            shopID: shopID, kind: kind, createdBy: "test", trigger: "on-demand", parameters: [:],
            data: TrainingDataIdentity(firstEventID: 0, lastEventID: 0, eventCount: 0, projectionDigest: "d"),
            holdoutMetrics: ["mase": mase], primaryMetric: "mase", higherIsBetter: false, artifactURI: "test-run:0",
            artifactDigest: "x"), at: Date())
    }
}
