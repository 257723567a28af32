import Commerce
import Foundation
import Logging
import ShopifyAdmin

/// A local Shopify for tests and the demo: Admin GraphQL (with `extensions.cost` and a leaky-bucket
/// throttle answering THROTTLED), the bulk-operation lifecycle with JSONL output, the OAuth endpoints,
/// and webhook delivery signed with the app secret to the addresses registered by
/// `webhookSubscriptionCreate`.
///
/// ```swift
/// let fake = try await FakeShopify.start(FakeShopifyConfiguration(bucketSize: 100, restoreRate: 10))
/// await fake.seed(SimulatedStore(...)…)
/// let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
/// …
/// let applied = await fake.recordedMutations(field: "tagsAdd").filter(\.applied)
/// await fake.stop()
/// ```
public final class FakeShopify: Sendable {
    public let configuration: FakeShopifyConfiguration
    /// `http://127.0.0.1:PORT`.
    public let baseURL: URL

    init(configuration: FakeShopifyConfiguration, baseURL: URL) {
        self.configuration = configuration; self.baseURL = baseURL
    }

    /// Starts the HTTP server on `configuration.host:port`.
    public static func start(_ configuration: FakeShopifyConfiguration = FakeShopifyConfiguration(),
                             logger: Logger = Logger(label: "storewise.fake-shopify")) async throws -> FakeShopify {
        throw FakeShopifyError.notRunning("FakeShopify is being written (issue 9)")
    }

    /// The endpoint an `AdminClient` uses to reach this fake.
    public var endpoint: AdminEndpoint {
        AdminEndpoint(shopDomain: configuration.shopDomain, accessToken: configuration.accessToken,
                      apiVersion: configuration.apiVersion, baseURL: baseURL)
    }

    public func stop() async {}
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
