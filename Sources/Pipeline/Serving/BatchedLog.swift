import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// A bounded in-memory queue of log entries written to the database in batches: `append` only
/// queues (a request never waits for the database), and the service writes the queue every
/// `interval` and once more on shutdown.
///
/// When the database falls behind by more than `capacity` entries the oldest are dropped and
/// counted, and the count is logged, rather than growing without limit. When `prune` is given,
/// entries older than `retention` are deleted at start and once an hour.
public final class BatchedLog<Entry: Sendable>: Service, Sendable {
    public typealias Write = @Sendable ([Entry]) async throws -> Void
    public typealias Prune = @Sendable (_ before: Int64) async throws -> Int

    let name: String
    let interval: Duration
    let capacity: Int
    let retention: Duration?
    let write: Write
    let pruneOlder: Prune?
    let logger: Logger
    private let queue = Mutex<(entries: [Entry], dropped: Int)>(([], 0))

    /// `name` is how the log lines call it ("prediction log").
    public init(name: String, interval: Duration = .seconds(1), capacity: Int = 200_000, retention: Duration? = nil,
                logger: Logger, write: @escaping Write, prune: Prune? = nil) {
        self.name = name; self.interval = interval; self.capacity = capacity; self.retention = retention
        self.logger = logger; self.write = write; self.pruneOlder = prune
    }

    /// Queues one entry.
    public func append(_ entry: Entry) {
        queue.withLock { q in
            if q.entries.count >= capacity {
                q.entries.removeFirst()
                q.dropped += 1
            }
            q.entries.append(entry)
        }
    }

    /// Entries waiting to be written.
    public var pending: Int { queue.withLock { $0.entries.count } }

    /// Writes everything queued; a batch that fails to write goes back to the front of the queue.
    public func flush() async {
        let (batch, dropped) = queue.withLock { q in
            let taken = (q.entries, q.dropped)
            q.entries = []; q.dropped = 0
            return taken
        }
        if dropped > 0 {
            logger.warning("\(name) fell behind; oldest entries dropped", metadata: ["dropped": "\(dropped)"])
        }
        guard !batch.isEmpty else { return }
        do {
            try await write(batch)
        } catch {
            logger.warning("\(name) write failed; retrying", metadata: ["entries": "\(batch.count)", "error": "\(error)"])
            queue.withLock { q in
                q.entries.insert(contentsOf: batch, at: 0)
                let excess = q.entries.count - capacity
                if excess > 0 {
                    q.entries.removeFirst(excess)
                    q.dropped += excess
                }
            }
        }
    }

    /// Deletes entries older than the retention as of `now`; returns how many.
    @discardableResult
    public func prune(now: Date = Date()) async -> Int {
        guard let retention, let pruneOlder else { return 0 }
        let cutoff = Int64(now.timeIntervalSince1970) - retention.components.seconds
        do {
            let removed = try await pruneOlder(cutoff)
            if removed > 0 { logger.info("\(name) pruned", metadata: ["removed": "\(removed)"]) }
            return removed
        } catch is CancellationError {
            return 0
        } catch {
            logger.warning("\(name) prune failed; retrying in an hour", metadata: ["error": "\(error)"])
            return 0
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
