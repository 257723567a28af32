import AsyncHTTPClient
import Foundation
import Logging

/// A GraphQL response: `data` and the cost Shopify charged.
public struct GraphQLResponse: Sendable, Hashable {
    public var data: JSONValue
    public var cost: QueryCost?

    public init(data: JSONValue, cost: QueryCost?) {
        self.data = data; self.cost = cost
    }
}

/// Counters of one client, for progress lines, logs and tests.
public struct AdminClientStatistics: Sendable, Hashable, Codable {
    public var requests = 0
    /// Responses in which Shopify said THROTTLED (or HTTP 429).
    public var throttledResponses = 0
    public var retries = 0
    /// Seconds spent waiting for the bucket before sending (cost-aware pacing), and in backoff.
    public var pacedSeconds = 0.0
    public var backoffSeconds = 0.0
    public var pointsSpent = 0

    public init() {}
}

/// Tuning of the Admin client.
public struct AdminClientOptions: Sendable, Hashable {
    /// Attempts per request for 429, 5xx, THROTTLED and transport errors (first try included).
    public var maxAttempts: Int
    /// Backoff: `baseBackoff × 2^(attempt-1)`, capped, with jitter.
    public var baseBackoff: Double
    public var maxBackoff: Double
    public var requestTimeout: Double
    /// Shopify's single-query limit.
    public var maxQueryCost: Int

    public init(maxAttempts: Int = 6, baseBackoff: Double = 0.5, maxBackoff: Double = 30, requestTimeout: Double = 30, maxQueryCost: Int = 1000) {
        self.maxAttempts = maxAttempts; self.baseBackoff = baseBackoff; self.maxBackoff = maxBackoff
        self.requestTimeout = requestTimeout; self.maxQueryCost = maxQueryCost
    }
}

/// The Admin GraphQL client: one shop, one pinned API version.
///
/// Before each request it waits until its model of Shopify's leaky bucket (fed by every response's
/// `extensions.cost.throttleStatus`) holds the query's expected cost, so Shopify rarely has to throttle it;
/// 429, 5xx, THROTTLED and transport errors are retried with capped exponential backoff.
///
/// ```swift
/// let client = AdminClient(endpoint: AdminEndpoint(shopDomain: "s.myshopify.com", accessToken: token), httpClient: .shared)
/// let response = try await client.execute(AdminDocuments.shopInfo)
/// ```
public final class AdminClient: Sendable {
    public let endpoint: AdminEndpoint
    public let options: AdminClientOptions
    let httpClient: HTTPClient
    let logger: Logger

    public init(endpoint: AdminEndpoint, httpClient: HTTPClient, options: AdminClientOptions = AdminClientOptions(),
                logger: Logger = Logger(label: "storewise.shopify-admin")) {
        self.endpoint = endpoint; self.httpClient = httpClient; self.options = options; self.logger = logger
    }

    /// Sends one document with its variables; returns `data` and the cost. `expectedCost` overrides the
    /// client's estimate of the requested cost (paginators know it best). Throws `AdminError`.
    public func execute(_ document: GraphQLDocument, variables: [String: JSONValue] = [:], expectedCost: Int? = nil) async throws -> GraphQLResponse {
        throw AdminError.transport(operation: document.name, reason: "AdminClient.execute is being written (issue 9)")
    }

    /// The counters so far.
    public var statistics: AdminClientStatistics { AdminClientStatistics() }
}
