import Commerce
import FakeShopify
import Foundation
import Pipeline
import ShopifyAdmin
import Storage
import Testing

/// A shop whose app lacks `read_users` (not Plus/Advanced) cannot read `staffMember`: the orders
/// backfill falls back to `BackfillQueries.ordersWithoutStaff` and still keeps every other risk field.
/// With the scope, the staff ids come through (`BackfillRiskFieldsTests.riskFieldsSurviveTheBackfill`).
@Suite("Backfill without read_users", .serialized)
struct BackfillStaffFallbackTests {
    /// A fake shop holding the POS and web orders of `BackfillRiskFieldsTests`, `staffMember` denied.
    static func deniedFake() async throws -> FakeShopify {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(deniedFields: ["staffMember"]))
        await fake.seed(locations: [Commerce.Location(id: 77, name: "Downtown", isPOS: true)],
                        orders: [BackfillRiskFieldsTests.posOrder, BackfillRiskFieldsTests.webOrder])
        return fake
    }

    /// The risk fields other than staff are the seeded ones; the staff ids are gone.
    static func expectStaffless(_ backfilled: [Int64: Order]) throws {
        let seeded = BackfillRiskFieldsTests.posOrder
        let pos = try #require(backfilled[seeded.id])
        #expect(pos.userID == nil)
        #expect(pos.refunds.map(\.userID) == [nil])
        #expect(pos.payments == seeded.payments)
        #expect(pos.shippingLines == seeded.shippingLines)
        #expect(pos.discountApplications == seeded.discountApplications)
        #expect(pos.discountApplications.first?.isManual == true)
        #expect(pos.refunds.map(\.locationID) == [77])
        #expect(pos.locationID == 77)
        let web = try #require(backfilled[BackfillRiskFieldsTests.webOrder.id])
        #expect(web.discountApplications == BackfillRiskFieldsTests.webOrder.discountApplications)
    }

    @Test("a normal query selecting staffMember gets Shopify's top-level ACCESS_DENIED naming read_users")
    func normalQueryIsDenied() async throws {
        let fake = try await Self.deniedFake()
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let document = GraphQLDocument(name: "StaffProbe", kind: .query, text: """
        query StaffProbe { orders(first: 1) { edges { node { id staffMember { id } } } } }
        """)
        await #expect {
            _ = try await client.execute(document)
        } throws: { error in
            guard case AdminError.graphQL(_, let messages) = error else { return false }
            return messages.contains { $0.hasPrefix("Access denied for staffMember field. Required access: `read_users` access scope.") }
        }
        // Without the field the same query answers.
        let plain = try await client.execute(GraphQLDocument(name: "OrdersProbe", kind: .query, text: """
        query OrdersProbe { orders(first: 1) { edges { node { id } } } }
        """))
        await fake.stop()
        #expect(plain.data["orders"]["edges"].array?.count == 1)
    }

    @Test("the orders bulk operation ends FAILED (ACCESS_DENIED); the runner reruns it without staff and completes")
    func bulkFailureFallsBack() async throws {
        let fake = try await Self.deniedFake()
        let (summary, backfilled) = try await BackfillRiskFieldsTests.backfill(fake)
        await fake.stop()
        #expect(summary?.stored == 2)
        #expect(summary?.failed == 0, "\(summary?.failures ?? [])")
        try Self.expectStaffless(backfilled)
    }

    /// Passes everything to the fake, but refuses the staff query at `bulkOperationRunQuery` as a
    /// top-level error would (the other way Shopify may say no).
    struct RefusingClient: BackfillBulkClient {
        let inner: AdminBackfillClient
        func startBulkQuery(_ query: GraphQLDocument) async throws -> BackfillBulkOperation {
            if query.name == BackfillQueries.orders.name {
                throw AdminError.graphQL(operation: "bulkOperationRunQuery",
                                         messages: ["Access denied for staffMember field. Required access: `read_users` access scope."])
            }
            return try await inner.startBulkQuery(query)
        }
        func bulkOperation(id: String) async throws -> BackfillBulkOperation? { try await inner.bulkOperation(id: id) }
        func download(_ url: URL, to file: URL) async throws { try await inner.download(url, to: file) }
        func statistics() async -> AdminClientStatistics { await inner.statistics() }
    }

    @Test("refused at start with an error naming staffMember, the runner starts the staff-less query")
    func refusalAtStartFallsBack() async throws {
        let fake = try await Self.deniedFake()
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: fake.configuration.shopDomain, name: "Fake", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let client = RefusingClient(inner: AdminBackfillClient(client: AdminClient(endpoint: fake.endpoint, httpClient: .shared)))
        let runner = BackfillRunner(shopID: shop.id, shopDomain: shop.shop.domain, client: client, eventLog: store, checkpoints: store,
                                    dataDirectory: directory, options: BackfillOptions(resources: [.orders], batchSize: 50, pollInterval: 0.05))
        let summaries = try await runner.run()
        await fake.stop()
        #expect(summaries.first?.stored == 2)
        let checkpoint = try await store.backfillCheckpoints(shopID: shop.id).first { $0.resource == "orders" }
        #expect(checkpoint?.status == .completed)
        try Self.expectStaffless(try await Self.orders(in: store, shopID: shop.id))
    }

    /// The orders/create bodies of the event log by id.
    static func orders(in store: SQLiteStore, shopID: Int64) async throws -> [Int64: Order] {
        var orders: [Int64: Order] = [:]
        for event in try await store.events(shopID: shopID, after: 0, limit: 500) where event.topic == "orders/create" {
            if case .order(let order) = try ShopifyJSON.decode(topic: .ordersCreate, body: event.body, shopCurrency: "USD") {
                orders[order.id] = order
            }
        }
        return orders
    }

    @Test("a resumed checkpoint whose orders operation ended ACCESS_DENIED goes on without staff")
    func resumedCheckpointFallsBack() async throws {
        let fake = try await Self.deniedFake()
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: fake.configuration.shopDomain, name: "Fake", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Date())
        let client = AdminBackfillClient(client: AdminClient(endpoint: fake.endpoint, httpClient: .shared))
        // An earlier run started the staff query and was killed while it ran.
        let earlier = try await client.startBulkQuery(BackfillQueries.orders)
        let polled = try await client.bulkOperation(id: earlier.id)
        #expect(polled?.status == "FAILED" && polled?.errorCode == "ACCESS_DENIED")
        try await store.saveBackfillCheckpoint(BackfillCheckpoint(shopID: shop.id, resource: "orders", status: .running,
                                                                  bulkOperationID: earlier.id, startedAt: Date(), updatedAt: Date()))
        let runner = BackfillRunner(shopID: shop.id, shopDomain: shop.shop.domain, client: client, eventLog: store, checkpoints: store,
                                    dataDirectory: directory, options: BackfillOptions(resources: [.orders], batchSize: 50, pollInterval: 0.05))
        let summaries = try await runner.run()
        await fake.stop()
        #expect(summaries.first?.stored == 2)
        let checkpoint = try await store.backfillCheckpoints(shopID: shop.id).first { $0.resource == "orders" }
        #expect(checkpoint?.status == .completed && checkpoint?.bulkOperationID != earlier.id)
        try Self.expectStaffless(try await Self.orders(in: store, shopID: shop.id))
    }
}
