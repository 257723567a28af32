import AsyncHTTPClient
import Commerce
import FakeShopify
import Foundation
import ShopifyAdmin
import Testing

/// The Admin client against the local fake Shopify: pacing, retries, userErrors, pagination, webhooks, bulk.
@Suite("Admin client against the fake Shopify")
struct AdminClientTests {
    /// Fast backoff so retry tests take fractions of a second.
    static let fastRetries = AdminClientOptions(maxAttempts: 4, baseBackoff: 0.02, maxBackoff: 0.2)

    static func customers(_ count: Int) -> [Customer] {
        (1...count).map { Customer(id: Int64(1_000 + $0), email: "c\($0)@example.com", firstName: "C\($0)",
                                   createdAt: Date(timeIntervalSince1970: 1_700_000_000 + Double($0)),
                                   updatedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double($0))) }
    }

    @Test("paces a tiny bucket: 20 queries of cost 12 through a 50-point bucket, Shopify throttles at most once")
    func pacing() async throws {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(bucketSize: 50, restoreRate: 25))
        await fake.seed(customers: Self.customers(12))
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let document = GraphQLDocument(name: "TenCustomers", kind: .query, text: """
        query TenCustomers { customers(first: 10) { nodes { id } } }
        """)
        let started = ContinuousClock.now
        for _ in 0..<20 {
            let response = try await client.execute(document)
            // By hand: 2 + 10 × 1 = 12 requested; 10 customers came back, so 12 actual.
            #expect(response.cost?.requestedQueryCost == 12)
            #expect(response.data["customers"]["nodes"].array?.count == 10)
        }
        let statistics = client.statistics
        #expect(await fake.throttledResponses <= 1)
        #expect(statistics.throttledResponses <= 1)
        // 240 points through a 50-point bucket at 25/s need (240 − 50) / 25 = 7.6 s in all: on a fast machine
        // the client waits (paces) for most of it; on a loaded one the requests themselves may take that
        // long and the bucket refills on its own. Either way Shopify throttled at most once (above).
        let elapsed = ContinuousClock.now - started
        #expect(statistics.pacedSeconds > 0 || elapsed >= .seconds(7.6), "paced \(statistics.pacedSeconds) s in \(elapsed)")
        #expect(statistics.pointsSpent == 240)
        await fake.stop()
    }

    @Test("THROTTLED is retried after waiting for the bucket, and applied once")
    func throttledRetried() async throws {
        // 30 points restored at 2/s. Client A drains the bucket with one query costing all 30 points (by hand:
        // 2 + 28 customers × 1, and 28 come back, so nothing is refunded); client B does not know (its model
        // is empty), sends a 10-point mutation, is THROTTLED unless its request took 5 s (the bucket holds
        // 2 points per second since), waits about (10 − available) / 2 s (≤ 5 s) and succeeds. One request
        // drains the bucket so a slow machine cannot refill it between several.
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(bucketSize: 30, restoreRate: 2))
        await fake.seed(customers: Self.customers(28))
        let first = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let drain = try await first.execute(GraphQLDocument(name: "Drain", kind: .query, text: "query Drain { customers(first: 28) { nodes { id } } }"))
        #expect(drain.cost?.requestedQueryCost == 30 && drain.cost?.actualQueryCost == 30)
        let second = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        try await second.addTags(id: "gid://shopify/Customer/1001", tags: ["b"])
        #expect(second.statistics.throttledResponses == 1)
        #expect(second.statistics.retries == 1)
        #expect(second.statistics.pacedSeconds > 0)
        #expect(await fake.recordedMutations(field: "tagsAdd").filter(\.applied).count == 1)
        #expect(await fake.tags(of: "gid://shopify/Customer/1001")?.contains("b") == true)
        await fake.stop()
    }

    @Test("the client's estimate of every query document equals the fake's requested cost (two implementations of Shopify's rules)")
    func estimateMatchesFake() async throws {
        let fake = try await FakeShopify.start()
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let variables: [String: JSONValue] = ["first": 2, "id": "gid://shopify/Order/1", "code": "none", "query": "tag:x"]
        for document in AdminDocuments.all where document.kind == .query {
            let declared = variables.filter { document.text.contains("$\($0.key)") }
            let response = try await client.execute(document, variables: declared)
            #expect(response.cost?.requestedQueryCost == CostEstimator.estimate(document.text, variables: declared), "\(document.name)")
        }
        await fake.stop()
    }

    @Test("never sends a query the bucket can never hold")
    func tooExpensive() async throws {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(bucketSize: 50, restoreRate: 25))
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        _ = try await client.execute(AdminDocuments.shopInfo)
        let requests = await fake.requestCount
        // 2 + 100 × 1 = 102 > 50.
        await #expect(throws: AdminError.queryTooExpensive(operation: "Customers", requested: 102, maximum: 50)) {
            _ = try await client.execute(GraphQLDocument(name: "Customers", kind: .query, text: "query Customers { customers(first: 100) { nodes { id } } }"))
        }
        #expect(await fake.requestCount == requests)
        await fake.stop()
    }

    @Test("retries 503 and 429, then succeeds; counts the retries", arguments: [503, 429])
    func retries(status: Int) async throws {
        let fake = try await FakeShopify.start()
        await fake.inject(.httpStatus(status, count: 2))
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared, options: Self.fastRetries)
        let response = try await client.execute(AdminDocuments.shopInfo)
        #expect(response.data["shop"]["myshopifyDomain"].string == fake.configuration.shopDomain)
        #expect(client.statistics.retries == 2)
        #expect(client.statistics.requests == 3)
        #expect(await fake.requestCount == 3)
        await fake.stop()
    }

    @Test("gives up after the attempts when the failures last")
    func exhausted() async throws {
        let fake = try await FakeShopify.start()
        await fake.inject(.httpStatus(500, count: 10))
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared, options: Self.fastRetries)
        await #expect(throws: AdminError.self) { _ = try await client.execute(AdminDocuments.shopInfo) }
        #expect(await fake.requestCount == 4)
        await fake.stop()
    }

    @Test("a mutation is not resent after a 503 (it may have been applied): the caller probes")
    func mutationNotBlindlyRetried() async throws {
        let fake = try await FakeShopify.start()
        await fake.seed(customers: Self.customers(1))
        await fake.inject(.httpStatus(503, count: 1))
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared, options: Self.fastRetries)
        do {
            try await client.addTags(id: "gid://shopify/Customer/1001", tags: ["vip"])
            Issue.record("expected HTTP 503")
        } catch AdminError.http(_, let status, _) {
            #expect(status == 503)
        }
        #expect(await fake.requestCount == 1)
        await fake.stop()
    }

    @Test("a wrong token is 401 and not retried")
    func unauthorized() async throws {
        let fake = try await FakeShopify.start()
        var endpoint = fake.endpoint
        endpoint.accessToken = "shpat_wrong"
        let client = AdminClient(endpoint: endpoint, httpClient: .shared, options: Self.fastRetries)
        do {
            _ = try await client.execute(AdminDocuments.shopInfo)
            Issue.record("expected HTTP 401")
        } catch AdminError.http(_, let status, _) {
            #expect(status == 401)
        }
        #expect(client.statistics.retries == 0)
        await fake.stop()
    }

    @Test("userErrors are thrown with the input's field path")
    func userErrors() async throws {
        let fake = try await FakeShopify.start()
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        do {
            try await client.createRiskAssessment(orderID: "gid://shopify/Order/999999", level: "HIGH",
                                                  facts: [(description: "Many orders from one card", sentiment: "NEGATIVE")])
            Issue.record("expected userErrors")
        } catch AdminError.userErrors(let operation, let errors) {
            #expect(operation == "OrderRiskAssessmentCreate")
            #expect(errors.first?.field == ["orderRiskAssessmentInput", "orderId"])
            #expect(errors.first?.code == "NOT_FOUND")
        }
        await fake.stop()
    }

    @Test("pagination through 23 customers, 5 per page, collects exactly 23 once each")
    func pagination() async throws {
        let fake = try await FakeShopify.start()
        await fake.seed(customers: Self.customers(23))
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        var ids: [String] = []
        var pages = 0
        let document = GraphQLDocument(name: "CustomerIDs", kind: .query, text: """
        query CustomerIDs($first: Int!, $after: String) {
          customers(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
        }
        """)
        for try await nodes in client.paginate(document, connectionPath: ["customers"], pageSize: 5) {
            ids += nodes.compactMap { $0["id"].string }
            pages += 1
        }
        #expect(ids.count == 23)
        #expect(Set(ids).count == 23)
        // 5 + 5 + 5 + 5 + 3.
        #expect(pages == 5)
        await fake.stop()
    }

    @Test("page size fits the bucket: 100 customers through a 50-point bucket come in pages of 48, unthrottled")
    func pageSizeFitsBucket() async throws {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(bucketSize: 50, restoreRate: 100))
        await fake.seed(customers: Self.customers(100))
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let document = GraphQLDocument(name: "CustomerIDs", kind: .query, text: """
        query CustomerIDs($first: Int!, $after: String) {
          customers(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
        }
        """)
        var sizes: [Int] = []
        for try await page in client.pages(document, connectionPath: ["customers"]) { sizes.append(page.nodes.count) }
        // 2 + n × 1 ≤ 50 → n = 48: pages 48, 48, 4.
        #expect(sizes == [48, 48, 4])
        #expect(await fake.throttledResponses == 0)
        await fake.stop()
    }

    @Test("a second bulk query while one runs is refused, naming the running one")
    func bulkInProgress() async throws {
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(bulkObjectsPerSecond: 1))
        await fake.seedSyntheticOrders(count: 20, customers: 5)
        let runner = BulkOperationRunner(client: AdminClient(endpoint: fake.endpoint, httpClient: .shared))
        let first = try await runner.start(query: BackfillQueries.orders)
        do {
            _ = try await runner.start(query: BackfillQueries.products)
            Issue.record("expected BulkOperationInProgress")
        } catch let error as BulkOperationInProgress {
            #expect(error.running?.id == first)
            #expect(error.running?.isRunning == true)
        }
        await fake.stop()
    }

    @Test("webhook registration subscribes every API topic once and is idempotent")
    func webhooks() async throws {
        let fake = try await FakeShopify.start()
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let url = "https://storewise.example/webhooks"
        let created = try await client.registerWebhooks(callbackURL: url)
        // 19 known topics minus the 3 GDPR compliance topics.
        #expect(created.count == 16)
        #expect(created.contains { $0.subscriptionTopic == "DISPUTES_CREATE" })
        #expect(created.contains { $0.subscriptionTopic == "ORDERS_CREATE" })
        #expect(!created.contains { $0.topic == .shopRedact })
        let again = try await client.registerWebhooks(callbackURL: url)
        #expect(again.isEmpty)
        #expect(await fake.webhookSubscriptions.count == 16)
        await fake.stop()
    }

    @Test("a bulk query runs, is polled to COMPLETED, downloads and reassembles every root")
    func bulk() async throws {
        let fake = try await FakeShopify.start()
        await fake.seedSyntheticOrders(count: 40, customers: 10)
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let runner = BulkOperationRunner(client: client)
        let id = try await runner.start(query: BackfillQueries.orders)
        let done = try await runner.waitForCompletion(id: id, interval: .milliseconds(100))
        let url = try #require(done.url)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let bytes = try await runner.download(url: url, to: file)
        #expect(done.fileSize == nil || done.fileSize == bytes)
        var orders = 0
        var lineItems = 0
        try await BulkJSONLReader.read(file, childKeys: ["LineItem": "lineItems"], grouped: false) { root in
            orders += 1
            lineItems += root.object["lineItems"].array?.count ?? 0
        }
        #expect(orders == 40)
        #expect(done.rootObjectCount == 40)
        #expect(done.objectCount == 40 + lineItems)
        await fake.stop()
    }
}
