import Logging
import ServiceLifecycle
import Storage

/// The PostgreSQL connection pool's place in the `ServiceGroup`: listed first, it is shut down
/// last, so the job worker can still give its leases back and the ingest writer flush its last
/// batch while the group stops. The client itself runs in `task` from the process's start
/// (migrations and one-shot commands need it before any service runs); this service cancels it
/// when the group has stopped everything else.
public struct DatabaseLifetimeService: Service {
    let store: PostgresStore
    let task: Task<Void, Never>
    let logger: Logger

    public init(store: PostgresStore, task: Task<Void, Never>, logger: Logger) {
        self.store = store; self.task = task; self.logger = logger
    }

    public func run() async throws {
        // Waits for the graceful shutdown (or cancellation) of the group; errors are the shutdown itself.
        try? await gracefulShutdown()
        logger.info("closing database connections", metadata: ["db": "\(store.displayURL)"])
        task.cancel()
        await task.value
    }
}
