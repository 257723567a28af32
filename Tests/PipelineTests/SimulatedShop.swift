import Foundation
import Pipeline
import Simulation
import Storage

/// A simulated shop ingested into a fresh SQLite file through the real webhook path (signed,
/// verified, decoded, group-committed), for tests that need a whole shop's history.
struct SimulatedShop {
    let store: SQLiteStore
    let shopID: Int64
    let directory: URL
    let delivered: Int
    let stored: (stored: Int, duplicates: Int)

    static func ingest(_ configuration: SimulationConfiguration) async throws -> SimulatedShop {
        let (store, directory) = try SQLiteStore.temporary()
        let simulator = StoreSimulator(configuration: configuration)
        let shop = try await store.createShop(simulator.shop, webhookSecret: "sim-secret", apiTokenHash: "h", at: Date())
        let writer = IngestWriter(log: store, maxBatch: 128)
        let ingestor = WebhookIngestor(
            shops: ShopDirectory(store: store), writer: writer,
            privacy: PrivacyRequestHandler(log: store, reader: store, dataDirectory: directory))
        let zone = TimeZone(identifier: simulator.shop.timeZone)!
        let deliveries = simulator.events().map {
            WebhookFeeder.Delivery(topic: $0.topic, webhookID: $0.webhookID, body: $0.body(timeZone: zone))
        }
        let result = try await withThrowingTaskGroup(of: (stored: Int, duplicates: Int)?.self) { group in
            group.addTask { try await writer.run(); return nil }
            let result = try await WebhookFeeder(ingestor: ingestor, concurrency: 32)
                .feed(deliveries, shopDomain: simulator.shop.domain, secret: "sim-secret")
            group.cancelAll()
            return result
        }
        return SimulatedShop(store: store, shopID: shop.id, directory: directory, delivered: deliveries.count, stored: result)
    }
}
