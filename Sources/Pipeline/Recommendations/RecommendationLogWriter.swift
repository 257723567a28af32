import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Stores served recommendation responses in batches through a `BatchedLog` (a request never
/// waits for the database); entries older than `retention` are deleted at start and hourly, so
/// the log keeps what lift measurement needs without growing for ever.
public final class RecommendationLogWriter: Service, Sendable {
    /// One queued response and its shop.
    struct Queued: Sendable {
        var shopID: Int64
        var entry: RecommendationLogEntry
    }

    let log: BatchedLog<Queued>

    public init(store: any RecommendationStore, interval: Duration = .seconds(1), capacity: Int = 200_000,
                retention: Duration? = .seconds(90 * 86_400), logger: Logger = Logger(label: "storewise.recommendations.log")) {
        log = BatchedLog(name: "recommendation log", interval: interval, capacity: capacity, retention: retention, logger: logger,
                         write: { batch in
                             var byShop: [Int64: [RecommendationLogEntry]] = [:]
                             for item in batch { byShop[item.shopID, default: []].append(item.entry) }
                             for (shopID, entries) in byShop { try await store.appendRecommendationLog(shopID: shopID, entries) }
                         },
                         prune: { before in try await store.pruneRecommendationLog(before: before) })
    }

    /// Deletes entries older than the retention as of `now`; returns how many.
    @discardableResult
    public func prune(now: Date = Date()) async -> Int { await log.prune(now: now) }

    /// Queues one response of a shop.
    public func append(shopID: Int64, _ entry: RecommendationLogEntry) { log.append(Queued(shopID: shopID, entry: entry)) }

    /// Entries waiting to be written.
    public var pending: Int { log.pending }

    /// Writes everything queued; entries that fail to write go back to the queue.
    public func flush() async { await log.flush() }

    public func run() async throws { try await log.run() }
}
