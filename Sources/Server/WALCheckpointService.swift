import Logging
import ServiceLifecycle
import Storage

/// Checkpoints the SQLite WAL in the background every `interval`, so no webhook's commit ever
/// waits for one (see `SQLiteStore.checkpoint()`).
public struct WALCheckpointService: Service {
    let store: SQLiteStore
    let interval: Duration
    let logger: Logger

    public init(store: SQLiteStore, interval: Duration = .milliseconds(500), logger: Logger = Logger(label: "storewise.checkpoint")) {
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
            do {
                let start = ContinuousClock.now
                let result = try store.checkpoint()
                logger.debug("WAL checkpoint", metadata: [
                    "frames": "\(result?.walFrames ?? 0)", "copied": "\(result?.checkpointedFrames ?? 0)",
                    "restarted": "\(result?.restarted ?? false)", "took": "\(ContinuousClock.now - start)",
                ])
            } catch {
                logger.warning("WAL checkpoint failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        try? store.checkpoint()
    }
}
