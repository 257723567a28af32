import AsyncHTTPClient
import Commerce
import FakeShopify
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Pipeline
@testable import Server
import ShopifyAdmin
import Storage
import TestSupport
import Testing

/// The issue's must-show, end to end: the fake Shopify delivers a signed orders/create to
/// Storewise served on a real port → the event is stored and a "propose" job queued → the job
/// runs → a pending proposal → approved through the API → exactly one `tagsAdd` with the right
/// variables at the fake; a rejected proposal never reaches the fake; an execution whose first
/// response is lost is retried and applied once.
///
/// Scores and the champion are seeded through the store (no training), so the test is quick.
@Suite("Actions end to end")
struct ActionsEndToEndTests {
    static let now = Date()

    static func customer(_ id: Int64, email: Bool = true) -> Customer {
        Customer(id: id, email: "c\(id)@example.com", phone: nil, firstName: "C\(id)", lastName: "Test", state: "enabled", tags: [],
                 acceptsEmailMarketing: email, acceptsSMSMarketing: false,
                 createdAt: now.addingTimeInterval(-400 * 86_400), updatedAt: now.addingTimeInterval(-400 * 86_400))
    }

    static func score(_ id: Int64, segment: String, pAlive: Double, clv: Int64, spend: Int64) -> CustomerScoreRow {
        CustomerScoreRow(customerID: id, orders: 4, onlineOrders: 4, posOrders: 0, frequency: 3, recencyDays: 90, ageDays: 100,
                         firstOrderDay: "2025-01-01", lastOrderDay: "2025-04-01", spendMinor: spend, refundedMinor: 0, currency: "USD",
                         probabilityAlive: pAlive, expectedPurchases: 1, expectedOrderValueMinor: 6000, lifetimeValueMinor: clv,
                         recencyScore: 5, frequencyScore: 5, monetaryScore: 5, segment: segment)
    }

    func json(_ app: TestApp) -> HTTPFields {
        var fields = app.bearer
        fields[.contentType] = "application/json"
        return fields
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test("Webhook → proposal → approve → exactly one tagsAdd; rejected never sent; lost response retried and applied once")
    func endToEnd() async throws {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration())
        do {
            try await run(fake)
        } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
    }

    func run(_ fake: FakeShopify) async throws {
        // Storewise's store with the fake's shop, signed with the fake's app secret.
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = APIToken.generate()
        let shop = try await store.createShop(Shop(domain: fake.configuration.shopDomain, name: "Fake", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: fake.configuration.clientSecret, apiTokenHash: APIToken.hash(token), at: Self.now)
        let app = TestAppHandle(store: store, shop: shop, token: token)

        // Customers in both stores; scores and a customer-value champion (v1) seeded directly.
        let customers = [Self.customer(1), Self.customer(2), Self.customer(3)]
        await fake.seed(customers: customers)
        _ = try await store.ingest(customers.map { c in
            IncomingEvent(shopID: shop.id, topic: .customersCreate, webhookID: "seed-\(c.id)", body: ShopifyJSON.encode(.customer(c)),
                          payload: .customer(c), receivedAt: Self.now, source: .webhook)
        })
        let run = CustomerValueRun(shopID: shop.id, createdAt: Self.now, model: "bgnbd", parameters: [:], spendParameters: [:], meanOrderValue: 60,
                                   unitDays: 1, logLikelihood: -1, customers: 3, repeatBuyers: 3, orders: 12, skippedOrders: 0, currency: "USD",
                                   horizonDays: 365, clvMonths: 12, holdout: nil, seconds: 0, eventCount: 3)
        _ = try await store.saveCustomerScores(run, scores: [
            Self.score(1, segment: "champions", pAlive: 0.95, clv: 50_000, spend: 40_000),
            Self.score(2, segment: "loyal", pAlive: 0.85, clv: 30_000, spend: 20_000),
            // At risk, the most valuable, consenting: the win-back proposer offers a discount.
            Self.score(3, segment: "at_risk", pAlive: 0.2, clv: 60_000, spend: 90_000),
        ], keepRuns: 3)
        _ = try await store.registerModelVersion(ModelVersionDraft(
            shopID: shop.id, kind: "customer-value", createdBy: "test", trigger: "initial", parameters: [:],
            data: TrainingDataIdentity(firstEventID: 1, lastEventID: 3, eventCount: 3, projectionDigest: "d", asOfDay: "2025-04-10"),
            holdoutMetrics: ["mae": 0.5], primaryMetric: "mae", higherIsBetter: false, artifactURI: "customer-value-run:1", artifactDigest: "a"), at: Self.now)
        _ = try await store.moveAliases(shopID: shop.id, kind: "customer-value", [AliasChange(alias: "champion", version: 1)], actor: "test",
                                        action: "promote", reason: "seed", at: Self.now)

        // The executor points at the fake.
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared, options: AdminClientOptions(maxAttempts: 2, baseBackoff: 0.05, maxBackoff: 0.1))
        let approvals = ApprovalService(store: store, policy: .standard)
        let executor = ActionExecutor(store: store, clients: FixedAdminClientProvider(clients: [shop.id: client]),
                                      outbox: directory.appendingPathComponent("outbox"),
                                      options: ActionExecutorOptions(backoff: RetryBackoff(baseSeconds: 1, capSeconds: 1)))
        let handler = ProposalJobHandler(store: store, approvals: approvals)
        let worker = JobWorker(store: store, handlers: [handler], options: LifecycleOptions(), idleSeconds: 0.01)

        let configuration = AppConfiguration(port: 0, databasePath: directory.appendingPathComponent("storewise.sqlite").path, dataDirectory: directory)
        // The real application as `serve` builds it with the approval queue on: stored webhooks queue "propose" jobs.
        var dependencies = AppDependencies(store: store, configuration: configuration, proposeOnIngest: true)
        dependencies.approvals = approvals
        dependencies.executor = executor
        try await exercise(buildApplication(configuration: configuration, dependencies: dependencies), fake: fake, store: store, shop: shop, app: app,
                           client: client, executor: executor, handler: handler, worker: worker)
    }

    func exercise(_ application: some ApplicationProtocol, fake: FakeShopify, store: SQLiteStore, shop: ShopRecord, app: TestAppHandle,
                  client: AdminClient, executor: ActionExecutor, handler: ProposalJobHandler, worker: JobWorker) async throws {
        try await application.test(.live) { http in
            let port = try #require(http.port)
            // The fake delivers orders/create to Storewise's webhook route.
            let registered = try await client.registerWebhooks(callbackURL: "http://127.0.0.1:\(port)/webhooks/shopify", topics: [.ordersCreate])
            #expect(registered.count == 1)

            // 1. A signed orders/create from the fake → stored → one "propose" job.
            // Placed now: the trigger only proposes on fresh news, not on replayed history.
            let placed = ISO8601DateFormatter().string(from: Date())
            try await fake.createOrder(SampleOrders.order(id: 9001, name: "#9001", createdAt: placed, customer: Self.customer(1)))
            let jobs = try await store.jobs(shopID: shop.id, states: [.queued], limit: 10)
            #expect(jobs.map(\.draft.type) == ["propose"], "\(jobs)")
            #expect(jobs.first?.draft.dedupeKey == "propose:\(shop.id):orders/create:9001")
            #expect(await worker.runOnce(now: Date()))
            let pending = try await store.proposals(shopID: shop.id, query: ProposalQuery(statuses: [.pending], limit: 10)).rows
            let tags = try #require(pending.first { $0.draft.actionType == "customer-tags" }, "\(pending)")
            let metafields = try #require(pending.first { $0.draft.actionType == "metafields" })
            #expect(tags.draft.modelKind == "customer-value" && tags.draft.modelVersion == 1)

            // 2. Approve through the API → executed at once → exactly one applied tagsAdd with the gid and the tag.
            let (status, body, _) = try await http.send("/api/v1/approvals/\(tags.id)/approve", .post, headers: app.json,
                                                         body: #"{"reason": "yes", "actor": "ana@shop"}"#)
            #expect(status == .ok, "\(body)")
            #expect(try Self.object(body)["status"] as? String == "executed", "\(body)")
            let tagsAdds = await fake.recordedMutations(field: "tagsAdd")
            #expect(tagsAdds.count == 1 && tagsAdds.allSatisfy(\.applied))
            #expect(tagsAdds.first?.arguments["id"] == "gid://shopify/Customer/1")
            #expect(tagsAdds.first?.arguments["tags"] == ["storewise-champions"])
            // The operation's variables as sent: `mutation TagsAdd($id: ID!, $tags: [String!]!)` (tagsAdd(id: ID!, tags: [String!]!) in the schema).
            #expect(tagsAdds.first?.variables == ["id": "gid://shopify/Customer/1", "tags": ["storewise-champions"]])
            #expect(await fake.tags(of: "gid://shopify/Customer/1")?.contains("storewise-champions") == true)

            // 3. Reject the metafields through the API → nothing reaches the fake, even after an executor pass.
            let (rejected, rejectedBody, _) = try await http.send("/api/v1/approvals/\(metafields.id)/reject", .post, headers: app.json,
                                                                  body: #"{"reason": "not yet"}"#)
            #expect(rejected == .ok, "\(rejectedBody)")
            _ = try await executor.executeDue()
            #expect(await fake.recordedMutations(field: "metafieldsSet").isEmpty)
            #expect(await fake.metafields(of: "gid://shopify/Customer/1").isEmpty)

            // 4. A win-back discount whose first response is lost: the fake applies it and answers 503.
            let offers = try await handler.proposeWinBack(shopID: shop.id)
            let offer = try #require(offers.first, "no win-back proposal")
            #expect(offers.count == 1 && offer.draft.targetID == "gid://shopify/Customer/3" && offer.status == .pending)
            await fake.inject(.dropResponseAfterApply(field: "discountCodeBasicCreate", count: 1))
            let (approved, approvedBody, _) = try await http.send("/api/v1/approvals/\(offer.id)/approve", .post, headers: app.json, body: "{}")
            #expect(approved == .ok, "\(approvedBody)")
            let afterFirst = try #require(try await store.proposal(id: offer.id, shopID: shop.id))
            #expect(afterFirst.status == .approved && afterFirst.attempts == 1 && afterFirst.nextAttemptAt != nil, "\(afterFirst)")
            // The retry probes, finds the code, and completes without sending it again.
            let ran = try await executor.executeDue(now: Date().addingTimeInterval(5))
            #expect(ran == 1)
            let done = try #require(try await store.proposal(id: offer.id, shopID: shop.id))
            #expect(done.status == .executed && done.attempts == 2, "\(done)")
            let creates = await fake.recordedMutations(field: "discountCodeBasicCreate")
            #expect(creates.filter(\.applied).count == 1, "\(creates)")
            #expect(await fake.discounts.count == 1)

            // The trail holds every step and is intact.
            let verify = try Self.object(try await http.get("/api/v1/audit/verify", headers: app.bearer).1)
            #expect(verify["intact"] as? Bool == true)
        }
    }
}

/// The shop's API token for the end-to-end test's requests.
struct TestAppHandle {
    let store: SQLiteStore
    let shop: ShopRecord
    let token: String

    var bearer: HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(token)"
        return fields
    }

    var json: HTTPFields {
        var fields = bearer
        fields[.contentType] = "application/json"
        return fields
    }
}
