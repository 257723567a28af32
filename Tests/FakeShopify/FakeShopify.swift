import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import ShopifyAdmin

/// A local Shopify for tests and the demo: Admin GraphQL (with `extensions.cost` and a leaky-bucket
/// throttle answering THROTTLED), the bulk-operation lifecycle with JSONL output, the OAuth endpoints,
/// and webhook delivery signed with the app secret to the addresses registered by
/// `webhookSubscriptionCreate`.
///
/// ```swift
/// let fake = try await FakeShopify.start(FakeShopifyConfiguration(bucketSize: 100, restoreRate: 10))
/// await fake.seed(from: StoreSimulator(configuration: .demo), orderLimit: 500)
/// let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
/// …
/// let applied = await fake.recordedMutations(field: "tagsAdd").filter(\.applied)
/// await fake.stop()
/// ```
///
/// Routes: `POST /admin/api/{version}/graphql.json`, `GET /bulk/{id}.jsonl`,
/// `GET /admin/oauth/authorize`, `POST /admin/oauth/access_token`.
public final class FakeShopify: Sendable {
    public let configuration: FakeShopifyConfiguration
    /// `http://127.0.0.1:PORT`.
    public let baseURL: URL
    let state: FakeShopState
    let group: ServiceGroup
    let runner: Task<Void, Never>
    let logger: Logger

    init(configuration: FakeShopifyConfiguration, baseURL: URL, state: FakeShopState, group: ServiceGroup, runner: Task<Void, Never>, logger: Logger) {
        self.configuration = configuration; self.baseURL = baseURL; self.state = state; self.group = group; self.runner = runner
        self.logger = logger
    }

    /// Starts the HTTP server on `configuration.host:port` (port 0: a free port) and returns once it is bound.
    public static func start(_ configuration: FakeShopifyConfiguration = FakeShopifyConfiguration(),
                             logger: Logger = Logger(label: "storewise.fake-shopify")) async throws -> FakeShopify {
        let state = FakeShopState(configuration: configuration, logger: logger)
        let router = Router()
        addRoutes(to: router, state: state, configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "fake-shopify"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let runner = Task {
            do { try await group.run() } catch { logger.error("fake Shopify stopped: \(error)") }
            continuation.finish()
        }
        var port: Int?
        for await bound in ports { port = bound }
        guard let port, port > 0, let url = URL(string: "http://\(configuration.host):\(port)") else {
            runner.cancel()
            throw FakeShopifyError.notRunning("the fake Shopify server did not bind \(configuration.host):\(configuration.port)")
        }
        await state.setBaseURL(url.absoluteString)
        return FakeShopify(configuration: configuration, baseURL: url, state: state, group: group, runner: runner, logger: logger)
    }

    /// The endpoint an `AdminClient` uses to reach this fake.
    public var endpoint: AdminEndpoint {
        AdminEndpoint(shopDomain: configuration.shopDomain, accessToken: configuration.accessToken,
                      apiVersion: configuration.apiVersion, baseURL: baseURL)
    }

    /// Stops the server and waits for it.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await runner.value
        await state.removeFiles()
    }

    private static func addRoutes(to router: Router<BasicRequestContext>, state: FakeShopState, configuration: FakeShopifyConfiguration, logger: Logger) {
        router.post("/admin/api/:version/graphql.json") { request, context -> Response in
            let version = context.parameters.get("version") ?? ""
            let token = request.headers[HTTPField.Name("X-Shopify-Access-Token")!]
            var request = request
            let buffer = try await request.collectBody(upTo: 16 << 20)
            let answer = await state.graphQL(version: version, token: token, body: Data(buffer: buffer))
            let pending = await state.takePendingWebhooks()
            if !pending.isEmpty {
                // Shopify delivers after the change is committed, independently of the API answer.
                Task {
                    for event in pending {
                        for uri in event.uris {
                            _ = await FakeShopify.post(event.body, topic: event.topic, to: uri, configuration: configuration, logger: logger)
                        }
                    }
                }
            }
            return Response(status: .init(code: answer.status), headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        router.get("/bulk/:file") { request, context -> Response in
            let name = context.parameters.get("file") ?? ""
            guard name.hasSuffix(".jsonl"), let id = Int64(name.dropLast(".jsonl".count)), let file = await state.bulkFile(id: id) else {
                return Response(status: .notFound)
            }
            return try fileResponse(file, range: request.headers[.range])
        }
        router.get("/admin/oauth/authorize") { request, _ -> Response in
            await FakeShopify.authorize(request: request, state: state, configuration: configuration)
        }
        router.post("/admin/oauth/access_token") { request, _ -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            return await FakeShopify.accessToken(body: Data(buffer: buffer), contentType: request.headers[.contentType],
                                                 state: state, configuration: configuration)
        }
    }

    /// Streams a file in 256 KB chunks, honouring a single `Range: bytes=a-b`.
    private static func fileResponse(_ file: URL, range: String?) throws -> Response {
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
        var start = 0, end = size - 1
        var status = HTTPResponse.Status.ok
        if let range, range.hasPrefix("bytes=") {
            let parts = range.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 2, let first = Int(parts[0]) {
                start = first; end = Int(parts[1]).map { min($0, size - 1) } ?? size - 1
                status = .partialContent
            }
        }
        guard start <= end || size == 0 else { return Response(status: .rangeNotSatisfiable) }
        var headers: HTTPFields = [.contentType: "application/jsonl", .contentLength: String(max(0, end - start + 1))]
        if status == .partialContent { headers[.contentRange] = "bytes \(start)-\(end)/\(size)" }
        let length = max(0, end - start + 1)
        let offset = start
        let body = ResponseBody(contentLength: length) { writer in
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(offset))
            var remaining = length
            while remaining > 0 {
                let chunk = try handle.read(upToCount: min(remaining, 256 << 10)) ?? Data()
                if chunk.isEmpty { break }
                remaining -= chunk.count
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }

    // MARK: - Inspection and faults

    /// Mutations received, optionally of one root field, in order.
    public func recordedMutations(field: String? = nil) async -> [RecordedMutation] { await state.recordedMutations(field: field) }
    /// Injects a fault into the next responses.
    public func inject(_ fault: FakeFault) async { await state.inject(fault) }
    /// GraphQL requests received (all of them, also refused ones).
    public var requestCount: Int { get async { await state.requestCount } }
    /// THROTTLED answers given.
    public var throttledResponses: Int { get async { await state.throttledResponses } }
    /// When each THROTTLED answer was given.
    public var throttleTimes: [Date] { get async { await state.throttleTimes } }
    /// Every bulk operation, oldest first.
    public var bulkOperations: [FakeBulkOperation] { get async { await state.bulkSnapshot() } }
    /// Webhook subscriptions created.
    public var webhookSubscriptions: [FakeWebhookSubscription] { get async { await state.data.subscriptions } }
    /// Draft orders created.
    public var draftOrders: [FakeDraftOrder] { get async { await state.data.draftOrders } }
    /// Discounts created.
    public var discounts: [FakeDiscount] { get async { await state.data.discounts } }
    /// Tags of an order, customer, product or draft order by gid (nil: no such object).
    public func tags(of gid: String) async -> [String]? { await state.tags(of: gid) }
    /// Metafields of an owner gid.
    public func metafields(of gid: String) async -> [FakeMetafield] { await state.data.metafields[gid] ?? [] }
    /// Risk assessments of an order.
    public func riskAssessments(orderID: Int64) async -> [FakeRiskAssessment] { await state.data.risks[orderID] ?? [] }
    /// An order as the fake holds it.
    public func order(id: Int64) async -> Order? { await state.data.orders[id] }
    /// How many orders the fake holds.
    public var orderCount: Int { get async { await state.data.orders.count } }
}

extension FakeShopState {
    func bulkSnapshot() -> [FakeBulkOperation] {
        refreshBulkOperations(now: Date())
        return data.bulkOperations
    }

    func tags(of gid: String) -> [String]? {
        guard let (type, id) = FakeFormat.parseGID(gid) else { return nil }
        switch type {
        case "Order": return data.orders[id]?.tags
        case "Customer": return data.customers[id]?.tags
        case "Product": return data.products[id]?.tags
        case "DraftOrder": return data.draftOrders.first { $0.id == id }?.tags
        default: return nil
        }
    }

    func removeFiles() {
        try? FileManager.default.removeItem(at: bulkDirectory)
    }
}

/// Errors of the fake itself (not Shopify errors, which it answers in Shopify's shapes).
public enum FakeShopifyError: Error, Sendable, CustomStringConvertible {
    case notRunning(String)

    public var description: String {
        switch self {
        case .notRunning(let reason): reason
        }
    }
}
