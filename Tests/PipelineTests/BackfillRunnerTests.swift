import Commerce
import FakeShopify
import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Synchronization
import Testing

/// The backfill against the local fake Shopify: bulk operations, download, ingest, checkpoints, resume.
@Suite("Backfill runner", .serialized)
struct BackfillRunnerTests {
    struct Fixture {
        let fake: FakeShopify
        let store: SQLiteStore
        let shop: ShopRecord
        let directory: URL

        func runner(_ resources: [BackfillResource], batchSize: Int = 50) -> BackfillRunner {
            let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
            return BackfillRunner(shopID: shop.id, shopDomain: shop.shop.domain, client: AdminBackfillClient(client: client),
                                  eventLog: store, checkpoints: store, dataDirectory: directory,
                                  options: BackfillOptions(resources: resources, batchSize: batchSize, pollInterval: 0.05))
        }

        func finish() async {
            await fake.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func fixture(orders: Int) async throws -> Fixture {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration())
        await fake.seedSyntheticOrders(count: orders, customers: 50)
        let (store, directory) = try SQLiteStore.temporary()
        let shop = try await store.createShop(Shop(domain: fake.configuration.shopDomain, name: "Fake", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        return Fixture(fake: fake, store: store, shop: shop, directory: directory)
    }

    @Test("every resource: N orders in → N orders in the projection, one event each")
    func fullBackfill() async throws {
        let fixture = try await Self.fixture(orders: 300)
        let summaries = try await fixture.runner(BackfillResource.runOrder).run()
        let stats = try await fixture.store.stats(shopID: fixture.shop.id)
        #expect(stats.orders == 300)
        #expect(stats.eventsByTopic["orders/create"] == 300)
        let orders = try #require(summaries.first { $0.resource == .orders })
        #expect(orders.objects == 300)
        #expect(orders.stored == 300)
        #expect(orders.failed == 0, "\(orders.failures)")
        #expect(summaries.map(\.resource) == [.products, .customers, .inventory, .orders])
        #expect(summaries.allSatisfy { $0.failed == 0 })
        // The fake's products and variants arrived through products/create.
        #expect(stats.products > 0)
        #expect(stats.eventsByTopic["products/create"] == stats.products)
        // A backfilled order reads back as the fake holds it (ids, lines, totals).
        let sample = try #require(try await fixture.store.orders(shopID: fixture.shop.id, from: nil, to: nil, limit: 1, offset: 0).first)
        let stored = try #require(try await fixture.store.order(shopID: fixture.shop.id, id: sample.id))
        let original = try #require(await fixture.fake.order(id: sample.id))
        #expect(stored.totalPrice == original.totalPrice)
        #expect(stored.lineItems.map(\.variantID) == original.lineItems.map(\.variantID))
        #expect(stored.lineItems.map(\.quantity) == original.lineItems.map(\.quantity))
        // Every checkpoint completed; a second run reads nothing again.
        let checkpoints = try await fixture.store.backfillCheckpoints(shopID: fixture.shop.id)
        #expect(checkpoints.count == 4 && checkpoints.allSatisfy { $0.status == .completed })
        let again = try await fixture.runner(BackfillResource.runOrder).run()
        #expect(again.allSatisfy { $0.alreadyComplete })
        await fixture.finish()
    }

    @Test("cancelled mid-ingest, resumed from the checkpoint: still N orders, N events, no new bulk operation")
    func resumeAfterCancel() async throws {
        let fixture = try await Self.fixture(orders: 400)
        let runner = fixture.runner([.orders])
        let task = Mutex<Task<[BackfillResourceSummary], any Error>?>(nil)
        let first = Task {
            try await runner.run { progress in
                if progress.phase == .ingesting, progress.rootsDone >= 150 { task.withLock { $0?.cancel() } }
            }
        }
        task.withLock { $0 = first }
        await #expect(throws: CancellationError.self) { _ = try await first.value }
        let checkpoint = try #require(try await fixture.store.backfillCheckpoints(shopID: fixture.shop.id).first)
        #expect(checkpoint.status == .ingesting)
        #expect(checkpoint.rootsDone >= 150 && checkpoint.rootsDone < 400)
        let before = try await fixture.store.stats(shopID: fixture.shop.id)
        #expect(before.orders == checkpoint.rootsDone)

        let summaries = try await fixture.runner([.orders]).run()
        let stats = try await fixture.store.stats(shopID: fixture.shop.id)
        #expect(stats.orders == 400)
        #expect(stats.eventsByTopic["orders/create"] == 400)
        #expect(summaries.first?.stored == 400 - checkpoint.rootsDone)
        // The downloaded file was resumed; Shopify was not asked again.
        #expect(await fixture.fake.bulkOperations.count == 1)
        await fixture.finish()
    }

    /// A bulk client whose operations all end FAILED, as Shopify reports an internal error.
    final class FailingBulkClient: BackfillBulkClient {
        let started = Mutex(0)
        func startBulkQuery(_ query: GraphQLDocument) async throws -> BackfillBulkOperation {
            let number = started.withLock { count in count += 1; return count }
            return BackfillBulkOperation(id: "gid://shopify/BulkOperation/\(number)", status: "CREATED")
        }
        func bulkOperation(id: String) async throws -> BackfillBulkOperation? {
            BackfillBulkOperation(id: id, status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR")
        }
        func download(_ url: URL, to file: URL) async throws { Issue.record("a failed operation has nothing to download") }
        func statistics() async -> AdminClientStatistics { AdminClientStatistics() }
    }

    @Test("a FAILED bulk operation (after one retry) stops the backfill with an error naming it")
    func failedBulkOperation() async throws {
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: "f.myshopify.com", name: "F", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let client = FailingBulkClient()
        let runner = BackfillRunner(shopID: shop.id, shopDomain: "f.myshopify.com", client: client, eventLog: store, checkpoints: store,
                                    dataDirectory: directory, options: BackfillOptions(resources: [.orders], pollInterval: 0.01))
        await #expect {
            _ = try await runner.run()
        } throws: { error in
            (error as? BackfillError) == .bulkOperationFailed(resource: "orders", id: "gid://shopify/BulkOperation/2", status: "FAILED",
                                                              errorCode: "INTERNAL_SERVER_ERROR")
                && "\(error)" == "orders: bulk operation gid://shopify/BulkOperation/2 ended FAILED (INTERNAL_SERVER_ERROR)"
        }
        #expect(client.started.withLock { $0 } == 2)
        let checkpoint = try #require(try await store.backfillCheckpoints(shopID: shop.id).first)
        #expect(checkpoint.status == .failed)
        #expect(checkpoint.lastError == "bulk operation gid://shopify/BulkOperation/2 ended FAILED (INTERNAL_SERVER_ERROR)")
    }
}
