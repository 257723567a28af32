import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Pipeline
import Risk
import Server
import ShopifyAdmin
import Storage
import Testing
import TestSupport

/// Two `serve` replicas on one database: two `AppDependencies`, each with its own store (its own
/// connections) and its own caches. On PostgreSQL when the test script started one, else on two
/// SQLite stores opening one file.
final class Replicas: Sendable {
    static let domain = "replicas.myshopify.com"
    static let secret = "replica-secret"

    let a: AppDependencies
    let b: AppDependencies
    let configuration: AppConfiguration
    let shop: ShopRecord
    let token: String
    let backend: String
    private let directory: URL
    private let lifetimes: [PostgresLifetime]

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("replicas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("storewise.sqlite").path
        let first: any AppDependencies.Store & ShopStore, second: any AppDependencies.Store & ShopStore
        if TestPostgres.isAvailable {
            let url = try await TestPostgres.freshDatabaseURL()
            let one = try PostgresStore(url: url, maximumConnections: 4), two = try PostgresStore(url: url, maximumConnections: 4)
            lifetimes = [PostgresLifetime(one), PostgresLifetime(two)]
            first = one; second = two; backend = "postgres"
        } else {
            print("replicas: \(TestPostgres.skipReason); running on two SQLite stores opening one file")
            first = try SQLiteStore(path: path, synchronous: .normal)
            second = try SQLiteStore(path: path, synchronous: .normal)
            lifetimes = []; backend = "sqlite"
        }
        token = APIToken.generate()
        shop = try await first.createShop(Shop(domain: Self.domain, name: "Replicas", currency: "USD", timeZone: "UTC"),
                                          webhookSecret: Self.secret, apiTokenHash: APIToken.hash(token), at: Date())
        configuration = AppConfiguration(port: 0, databasePath: path, dataDirectory: directory)
        a = AppDependencies(store: first, configuration: configuration)
        b = AppDependencies(store: second, configuration: configuration)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs both applications (each with its ingest writer) and hands their clients to `body`.
    func run(_ body: @Sendable @escaping (any TestClientProtocol, any TestClientProtocol) async throws -> Void) async throws {
        let appA = buildApplication(configuration: configuration, dependencies: a)
        let appB = buildApplication(configuration: configuration, dependencies: b)
        try await appA.test(.router) { clientA in
            try await appB.test(.router) { clientB in try await body(clientA, clientB) }
        }
    }

    var bearer: HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(token)"
        return fields
    }

    /// An orders/create delivery of `order` to `client`, signed with the shop's secret.
    static func deliver(_ order: Order, to client: any TestClientProtocol) async throws {
        let body = ShopifyJSON.encode(.order(order))
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Shopify-Topic")!] = "orders/create"
        headers[HTTPField.Name("X-Shopify-Shop-Domain")!] = domain
        headers[HTTPField.Name("X-Shopify-Webhook-Id")!] = "order-\(order.id)"
        headers[HTTPField.Name("X-Shopify-API-Version")!] = "2026-04"
        headers[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = WebhookSignature.sign(body: body, secret: secret)
        headers[.contentType] = "application/json"
        let status = try await client.execute(uri: "/webhooks/shopify", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { $0.status }
        #expect(status == .ok, "order \(order.id) not accepted")
    }

    /// An order of customer 7001 placed `minutesAgo` minutes ago.
    static func order(_ id: Int64, minutesAgo: Double) -> Order {
        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-minutesAgo * 60))
        return SampleOrders.order(id: id, name: "#\(id)", createdAt: at, lines: [(9001, 1, 2_500)])
    }
}

@Suite("Replicas on one database")
struct ReplicaTests {
    @Test("A webhook stored through replica A is served by replica B's API")
    func webhookVisibleOnTheOtherReplica() async throws {
        let replicas = try await Replicas()
        try await replicas.run { clientA, clientB in
            try await Replicas.deliver(Replicas.order(4_001, minutesAgo: 5), to: clientA)
            let (status, body, _) = try await clientB.get("/api/v1/orders/4001", headers: replicas.bearer)
            #expect(status == .ok, "\(replicas.backend): \(body)")
            #expect(body.contains("#4001"))
        }
    }

    @Test("A promotion made through replica A is served by replica B after B's next registry poll")
    func promotionReachesTheOtherReplica() async throws {
        let replicas = try await Replicas()
        let shopID = replicas.shop.id
        for version in 1...2 {
            _ = try await replicas.a.store.registerModelVersion(ModelVersionDraft(
                shopID: shopID, kind: "forecast", createdBy: "test", trigger: "schedule", parameters: ["method": "ets"],
                data: TrainingDataIdentity(firstEventID: 1, lastEventID: 10, eventCount: 10, projectionDigest: "d", asOfDay: "2026-01-01"),
                holdoutMetrics: ["mase": 1 - Double(version) / 10], primaryMetric: "mase", higherIsBetter: false,
                artifactURI: "forecast-run:\(version)", artifactDigest: "a\(version)"), at: Date())
        }
        try await replicas.run { clientA, _ in
            var json = replicas.bearer
            json[.contentType] = "application/json"
            let (first, firstBody, _) = try await clientA.send("/api/v1/models/forecast/promote", .post, headers: json, body: #"{"version": 1}"#)
            #expect(first == .ok, "\(firstBody)")
            await replicas.b.router.refresh()
            #expect(try await replicas.b.router.route(shopID: shopID, kind: "forecast", subject: "11:0", requestID: "r1")?.served.version == 1)

            let (second, secondBody, _) = try await clientA.send("/api/v1/models/forecast/promote", .post, headers: json, body: #"{"version": 2}"#)
            #expect(second == .ok, "\(secondBody)")
            // Until B polls (every 2 s as a service) it may serve its cached champion; after the poll, the new one.
            await replicas.b.router.refresh()
            #expect(try await replicas.b.router.route(shopID: shopID, kind: "forecast", subject: "11:0", requestID: "r2")?.served.version == 2)
        }
    }

    @Test("Risk: B's velocity features count the customer's orders stored through A after B's state was warm")
    func riskStateCatchesUp() async throws {
        let replicas = try await Replicas()
        let shopID = replicas.shop.id
        try await replicas.run { clientA, clientB in
            // B warms its state on the first order; A then stores two more of the same customer.
            try await Replicas.deliver(Replicas.order(5_001, minutesAgo: 40), to: clientB)
            try await Replicas.deliver(Replicas.order(5_002, minutesAgo: 30), to: clientA)
            try await Replicas.deliver(Replicas.order(5_003, minutesAgo: 20), to: clientA)
            try await Replicas.deliver(Replicas.order(5_004, minutesAgo: 10), to: clientB)
            await replicas.b.risk.drain()
            await replicas.a.risk.drain()
            let fourth = try #require(try await replicas.b.risk.assessment(shopID: shopID, orderID: 5_004))
            // Customer 7001's orders before 5004 within the hour and the day: 5001 (through B), 5002 and 5003 (through A).
            #expect(fourth.features[.customerOrders1h] == 3)
            #expect(fourth.features[.customerOrders24h] == 3)
            #expect(fourth.features[.customerPriorOrders] == 3)
            let third = try #require(try await replicas.a.risk.assessment(shopID: shopID, orderID: 5_003))
            #expect(third.features[.customerOrders24h] == 2)
        }
    }

    @Test("An uninstall recorded through replica A reaches replica B's shop directory once its entry expires")
    func shopDirectoryExpires() async throws {
        let replicas = try await Replicas()
        // 5 s (the default): long enough that the uninstall below commits inside it even on a
        // loaded CI machine, so "still cached" is a fact and not a race.
        let directory = ShopDirectory(store: replicas.b.store, maxAge: .seconds(5))
        #expect(try await directory.shop(domain: Replicas.domain)?.uninstalledAt == nil)
        try await replicas.a.store.markUninstalled(shopID: replicas.shop.id, at: Date())
        #expect(try await directory.shop(domain: Replicas.domain)?.uninstalledAt == nil, "still cached")
        try await Task.sleep(for: .milliseconds(5_100))
        #expect(try await directory.shop(domain: Replicas.domain)?.uninstalledAt != nil)
        // `fresh` (a failed signature) skips the cache at once.
        let cached = ShopDirectory(store: replicas.b.store, maxAge: .seconds(60))
        try await replicas.a.store.setAPITokenHash(shopID: replicas.shop.id, hash: "rotated")
        _ = try await cached.shop(domain: Replicas.domain)
        try await replicas.a.store.setAPITokenHash(shopID: replicas.shop.id, hash: "rotated-again")
        #expect(try await cached.shop(domain: Replicas.domain)?.apiTokenHash == "rotated")
        #expect(try await cached.shop(domain: Replicas.domain, fresh: true)?.apiTokenHash == "rotated-again")
    }

    @Test("A dashboard form rendered by replica A is accepted by replica B (CSRF tokens are keyed by the session)")
    func csrfFormAcrossReplicas() async throws {
        let replicas = try await Replicas()
        let page = "/dashboard/\(Replicas.domain)/models"
        try await replicas.run { clientA, clientB in
            let (_, _, signIn) = try await clientA.get("/dashboard/\(Replicas.domain)?token=\(replicas.token)")
            var cookie = HTTPFields()
            cookie[.cookie] = try #require(signIn[.setCookie]?.split(separator: ";").first.map(String.init))
            let (status, body, _) = try await clientA.get(page, headers: cookie)
            #expect(status == .ok)
            let action = "\(page)/forecast/train"
            let form = try #require(body.range(of: "action=\"\(action)\""), "no train form")
            let marker = try #require(body[form.upperBound...].range(of: "name=\"csrf\" value=\""))
            let token = String(body[marker.upperBound...].prefix { $0 != "\"" })
            // The token is a function of the session and the path only: what any replica computes.
            #expect(token == CSRFToken.token(for: action, session: replicas.token))
            var headers = cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            #expect(try await clientB.send(action, .post, headers: headers, body: "csrf=\(token)").0 == .seeOther)
            #expect(try await clientB.send(action, .post, headers: headers, body: "csrf=\(CSRFToken.token(for: action, session: "another"))").0 == .forbidden)
        }
    }
}
