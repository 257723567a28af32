import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Storage
import Synchronization

/// Group commit for the event log: concurrent webhooks wait here and are written together.
///
/// SQLite (and Postgres) pay one fsync per transaction; writing each webhook alone caps ingest at
/// the disk's fsync rate. The writer takes everything that queued up while the previous batch was
/// committing and hands it to `EventLog.ingest` as one transaction with a savepoint per event, so
/// every webhook stays all-or-nothing and its caller hears back only after the commit is durable.
public final class IngestWriter: Service, Sendable {
    private struct Pending {
        var event: IncomingEvent
        var continuation: CheckedContinuation<IngestOutcome, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var closed = false
    }

    private let log: any EventLog
    private let maxBatch: Int
    private let logger: Logger
    private let state = Mutex(State())
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation
    private let batchSizes = Recorder(label: "storewise_ingest_batch_size")
    private let commitTimer = Metrics.Timer(label: "storewise_ingest_commit_seconds")

    /// - Parameters:
    ///   - log: where events are written.
    ///   - maxBatch: the most events one transaction takes; bounds latency under heavy load.
    public init(log: any EventLog, maxBatch: Int = 256, logger: Logger = Logger(label: "storewise.ingest")) {
        self.log = log
        self.maxBatch = max(1, maxBatch)
        self.logger = logger
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `event` and returns once it is committed (or known to be a duplicate, or failed).
    /// Throws `IngestError.shuttingDown` after the service has stopped accepting work.
    public func submit(_ event: IncomingEvent) async throws -> IngestOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = state.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.queue.append(Pending(event: event, continuation: continuation))
                return true
            }
            if accepted {
                signal.yield()
            } else {
                continuation.resume(throwing: IngestError.shuttingDown)
            }
        }
    }

    /// Writes batches until graceful shutdown, then drains what is queued and stops.
    public func run() async throws {
        await withGracefulShutdownHandler {
            for await _ in signals {
                await drain()
            }
        } onGracefulShutdown: {
            self.signal.finish()
        }
        state.withLock { $0.closed = true }
        await drain()
        logger.debug("ingest writer stopped")
    }

    private func take() -> [Pending] {
        state.withLock { state in
            let count = min(maxBatch, state.queue.count)
            let batch = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return batch
        }
    }

    private func drain() async {
        while true {
            let batch = take()
            if batch.isEmpty { return }
            batchSizes.record(batch.count)
            let start = ContinuousClock.now
            do {
                let outcomes = try await log.ingest(batch.map(\.event))
                commitTimer.recordInterval(since: start)
                let took = ContinuousClock.now - start
                if took > .milliseconds(40) {
                    logger.log(level: took > .milliseconds(250) ? .warning : .debug, "slow event log commit",
                               metadata: ["batch": "\(batch.count)", "took": "\(took)"])
                }
                for (pending, outcome) in zip(batch, outcomes) {
                    pending.continuation.resume(returning: outcome)
                }
            } catch {
                logger.error("event log write failed", metadata: ["error": "\(String(reflecting: error))", "batch": "\(batch.count)"])
                for pending in batch {
                    pending.continuation.resume(throwing: IngestError.storageUnavailable(String(describing: error)))
                }
            }
        }
    }
}

extension Metrics.Timer {
    /// Records the time elapsed since `start`.
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let nanos = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        recordNanoseconds(nanos)
    }
}
