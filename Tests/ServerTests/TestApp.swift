import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import ShopifyAdmin
import Storage
import TestSupport

/// A real application on a fresh SQLite file, with one installed shop.
/// The file's folder is removed when the value goes away, after the test's last read.
final class TestApp: Sendable {
    static let domain = "test-shop.myshopify.com"
    static let secret = "test-client-secret"

    let store: SQLiteStore
    let directory: URL
    let shop: ShopRecord
    let token: String
    let configuration: AppConfiguration
    let dependencies: AppDependencies

    init(timeZone: String = "America/New_York") async throws {
        let (store, directory) = try SQLiteStore.temporary()
        self.store = store
        self.directory = directory
        self.token = APIToken.generate()
        self.shop = try await store.createShop(
            Shop(domain: Self.domain, name: "Test Shop", currency: "USD", timeZone: timeZone),
            webhookSecret: Self.secret, apiTokenHash: APIToken.hash(token), at: Date()
        )
        self.configuration = AppConfiguration(port: 0, databasePath: directory.appendingPathComponent("storewise.sqlite").path, dataDirectory: directory)
        self.dependencies = AppDependencies(store: store, configuration: configuration)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = buildApplication(configuration: configuration, dependencies: dependencies)
        try await app.test(.router, body)
    }

    /// Headers of a Shopify delivery; `hmac` defaults to the correct signature of `body`.
    static func webhookHeaders(topic: String, body: Data, webhookID: String = UUID().uuidString, domain: String = domain, hmac: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        fields[HTTPField.Name("X-Shopify-Topic")!] = topic
        fields[HTTPField.Name("X-Shopify-Shop-Domain")!] = domain
        fields[HTTPField.Name("X-Shopify-Webhook-Id")!] = webhookID
        fields[HTTPField.Name("X-Shopify-API-Version")!] = "2026-04"
        fields[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = hmac ?? WebhookSignature.sign(body: body, secret: secret)
        fields[.contentType] = "application/json"
        return fields
    }

    var bearer: HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(token)"
        return fields
    }
}

extension TestClientProtocol {
    /// Posts a webhook and returns the response status and body text.
    @discardableResult
    func deliver(topic: String, body: Data, webhookID: String = UUID().uuidString, domain: String = TestApp.domain, hmac: String? = nil) async throws -> (HTTPResponse.Status, String) {
        try await execute(
            uri: "/webhooks/shopify", method: .post,
            headers: TestApp.webhookHeaders(topic: topic, body: body, webhookID: webhookID, domain: domain, hmac: hmac),
            body: ByteBuffer(bytes: body)
        ) { response in
            (response.status, String(buffer: response.body))
        }
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            (response.status, String(buffer: response.body), response.headers)
        }
    }
}
