import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization

/// Stores served responses in batches: `append` only queues (a request never waits for the
/// database), and the service writes the queue every `interval` and once more on shutdown.
///
/// The queue is bounded: when the database falls behind by more than `capacity` entries, the
/// oldest are dropped and counted, and the count is logged, rather than growing without limit.
/// Entries older than `retention` are deleted once an hour (and at start), so the log keeps what
/// lift measurement needs without growing for ever.
public final class RecommendationLogWriter: Service, Sendable {
    let store: any RecommendationStore
    let interval: Duration
    let capacity: Int
    /// How long entries are kept; nil keeps them all.
    let retention: Duration?
    let logger: Logger
    private let queue = Mutex<(entries: [Int64: [RecommendationLogEntry]], count: Int, dropped: Int)>(([:], 0, 0))

    public init(store: any RecommendationStore, interval: Duration = .seconds(1), capacity: Int = 200_000,
                retention: Duration? = .seconds(90 * 86_400), logger: Logger = Logger(label: "storewise.recommendations.log")) {
        self.store = store; self.interval = interval; self.capacity = capacity; self.retention = retention; self.logger = logger
    }

    /// Deletes entries older than the retention as of `now`; returns how many.
    @discardableResult
    public func prune(now: Date = Date()) async -> Int {
        guard let retention else { return 0 }
        let cutoff = Int64(now.timeIntervalSince1970) - retention.components.seconds
        do {
            let removed = try await store.pruneRecommendationLog(before: cutoff)
            if removed > 0 { logger.info("recommendation log pruned", metadata: ["removed": "\(removed)"]) }
            return removed
        } catch {
            logger.warning("recommendation log prune failed; retrying in an hour", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// Queues one response of a shop.
    public func append(shopID: Int64, _ entry: RecommendationLogEntry) {
        queue.withLock { q in
            if q.count >= capacity, let shop = q.entries.first(where: { !$0.value.isEmpty })?.key {
                q.entries[shop]!.removeFirst()
                q.count -= 1
                q.dropped += 1
            }
            q.entries[shopID, default: []].append(entry)
            q.count += 1
        }
    }

    /// Entries waiting to be written.
    public var pending: Int { queue.withLock { $0.count } }

    /// Writes everything queued; entries that fail to write go back to the queue.
    public func flush() async {
        let (batch, dropped) = queue.withLock { q in
            let taken = (q.entries, q.dropped)
            q.entries = [:]; q.count = 0; q.dropped = 0
            return taken
        }
        if dropped > 0 {
            logger.warning("recommendation log fell behind; oldest entries dropped", metadata: ["dropped": "\(dropped)"])
        }
        for (shopID, entries) in batch where !entries.isEmpty {
            do {
                try await store.appendRecommendationLog(shopID: shopID, entries)
            } catch {
                logger.warning("recommendation log write failed; retrying", metadata: ["shop": "\(shopID)", "error": "\(error)"])
                queue.withLock { q in
                    q.entries[shopID, default: []].insert(contentsOf: entries, at: 0)
                    q.count += entries.count
                }
            }
        }
    }

    public func run() async throws {
        var pruned = ContinuousClock.now
        await prune()
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if ContinuousClock.now - pruned > .seconds(3600) {
                await prune()
                pruned = .now
            }
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                break
            }
            await flush()
        }
        await flush()
    }
}
