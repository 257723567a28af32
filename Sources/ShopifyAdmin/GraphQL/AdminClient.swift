import AsyncHTTPClient
import Foundation
import Logging
import Synchronization

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
    /// Whether a mutation is sent again after a 5xx or transport error, when Shopify may already have applied
    /// it. Off by default: the action executor probes first (a blind retry could apply a change twice).
    /// 429 and THROTTLED are always retried (Shopify applied nothing).
    public var retryAmbiguousMutations: Bool

    public init(maxAttempts: Int = 6, baseBackoff: Double = 0.5, maxBackoff: Double = 30, requestTimeout: Double = 30, maxQueryCost: Int = 1000,
                retryAmbiguousMutations: Bool = false) {
        self.maxAttempts = maxAttempts; self.baseBackoff = baseBackoff; self.maxBackoff = maxBackoff
        self.requestTimeout = requestTimeout; self.maxQueryCost = maxQueryCost; self.retryAmbiguousMutations = retryAmbiguousMutations
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
    let state = Mutex(State())
    let clock = ContinuousClock()
    let epoch: ContinuousClock.Instant

    /// What the client learns as it goes: counters, the bucket model, the cost Shopify asked per document.
    struct State {
        var statistics = AdminClientStatistics()
        var bucket = CostBucket()
        var requestedCost: [String: Int] = [:]
    }

    public init(endpoint: AdminEndpoint, httpClient: HTTPClient, options: AdminClientOptions = AdminClientOptions(),
                logger: Logger = Logger(label: "storewise.shopify-admin")) {
        self.endpoint = endpoint; self.httpClient = httpClient; self.options = options; self.logger = logger
        self.epoch = ContinuousClock().now
    }

    /// Sends one document with its variables; returns `data` and the cost. `expectedCost` overrides the
    /// client's estimate of the requested cost (paginators know it best). Throws `AdminError`.
    public func execute(_ document: GraphQLDocument, variables: [String: JSONValue] = [:], expectedCost: Int? = nil) async throws -> GraphQLResponse {
        let operation = document.name
        let estimate = CostEstimator.estimate(document.text, variables: variables)
        // A learned cost is only reused for the same document with the same estimate (same page size).
        let costKey = "\(operation)#\(estimate)"
        let cost = expectedCost ?? state.withLock { $0.requestedCost[costKey] } ?? estimate
        try checkAffordable(operation: operation, cost: cost)
        let body = requestBody(document, variables: variables)
        var lastFailure = ""
        for attempt in 1...max(1, options.maxAttempts) {
            let wait = state.withLock { state in
                state.statistics.requests += 1
                return state.bucket.reserve(Double(cost), at: now())
            }
            if wait > 0 {
                state.withLock { $0.statistics.pacedSeconds += wait }
                logger.debug("pacing", metadata: ["operation": "\(operation)", "cost": "\(cost)", "wait_s": "\(wait)"])
                try await Task.sleep(for: .seconds(wait))
            }
            let outcome = await send(operation: operation, body: body, costKey: costKey)
            let retryAfter: Double
            switch outcome {
            case .success(let response):
                return response
            case .failure(let failure):
                switch failure {
                case .fatal(let error):
                    throw error
                case .throttled(let seconds, let bucketKnown, let reason):
                    // Shopify applied nothing. THROTTLED carries the bucket: the pacing before the next attempt
                    // waits (requested − available) / restoreRate. A 429 waits Retry-After, else backs off.
                    state.withLock { $0.statistics.throttledResponses += 1 }
                    retryAfter = bucketKnown ? 0 : (seconds ?? backoff(attempt: attempt))
                    lastFailure = reason
                case .retryable(let seconds, let reason, let ambiguous, let error):
                    if ambiguous, document.kind == .mutation, !options.retryAmbiguousMutations {
                        // The mutation may have been applied: the caller probes before sending it again.
                        throw error
                    }
                    retryAfter = seconds ?? backoff(attempt: attempt)
                    lastFailure = reason
                }
            }
            guard attempt < options.maxAttempts else { break }
            state.withLock {
                $0.statistics.retries += 1
                $0.statistics.backoffSeconds += retryAfter
            }
            logger.notice("retrying", metadata: ["operation": "\(operation)", "attempt": "\(attempt)",
                                                  "wait_s": "\(retryAfter)", "reason": "\(lastFailure)"])
            try await Task.sleep(for: .seconds(retryAfter))
        }
        throw AdminError.retriesExhausted(operation: operation, attempts: options.maxAttempts, last: lastFailure)
    }

    /// The counters so far.
    public var statistics: AdminClientStatistics { state.withLock { $0.statistics } }

    /// The client's current model of Shopify's bucket (nil before the first response).
    public var throttleStatus: ThrottleStatus? {
        state.withLock { state in
            guard let maximum = state.bucket.maximumAvailable, let rate = state.bucket.restoreRate else { return nil }
            return ThrottleStatus(maximumAvailable: maximum, currentlyAvailable: state.bucket.available(at: now()), restoreRate: rate)
        }
    }

    // MARK: - Cost

    func checkAffordable(operation: String, cost: Int) throws {
        if cost > options.maxQueryCost {
            throw AdminError.queryTooExpensive(operation: operation, requested: cost, maximum: options.maxQueryCost)
        }
        if let maximum = state.withLock({ $0.bucket.maximumAvailable }), Double(cost) > maximum {
            throw AdminError.queryTooExpensive(operation: operation, requested: cost, maximum: Int(maximum))
        }
    }

    func now() -> Double {
        let elapsed = clock.now - epoch
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// `baseBackoff × 2^(attempt-1)` capped at `maxBackoff`, times a jitter in [0.5, 1].
    func backoff(attempt: Int) -> Double {
        let raw = min(options.maxBackoff, options.baseBackoff * Double(1 << min(attempt - 1, 20)))
        return raw * Double.random(in: 0.5...1.0)
    }
}
