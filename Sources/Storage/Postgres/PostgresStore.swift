import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The scale-out storage of Storewise: PostgreSQL through postgres-nio's `PostgresClient`, for any
/// number of `storewise serve` replicas and `storewise worker` processes on one database.
///
/// The client is a `Service`: it must be running (in the process's `ServiceGroup`, or through
/// `run()` in a task) before any query. The schema mirrors the SQLite one table for table and
/// column for column (instants as BIGINT milliseconds, JSON as TEXT, booleans as 0/1), so
/// `storewise db copy` moves rows without translating them. Every query binds its values.
///
/// ```swift
/// let store = try PostgresStore(url: "postgres://storewise@127.0.0.1:5432/storewise")
/// async let running: Void = store.run()
/// try await store.migrate()
/// let shops = try await store.shops()
/// ```
public final class PostgresStore: Sendable {
    /// The connection pool; a `Service`.
    public let client: PostgresClient
    let logger: Logger
    /// The database URL without its password, for logs.
    public let displayURL: String
    /// Set by `run()` just before the client starts, so `migrate()` can wait for it rather than
    /// have postgres-nio warn about a query before `run()`.
    private let started = Atomic<Bool>(false)

    /// A store for `url` (`postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]`).
    /// `maximumConnections` bounds the pool of this process.
    public init(url: String, maximumConnections: Int = 20, logger: Logger = Logger(label: "storewise.storage.postgres")) throws {
        var configuration = try PostgresURL.configuration(url)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.displayURL = PostgresURL.redacted(url)
    }

    /// Runs the connection pool until the task is cancelled (what `Service.run` does).
    public func run() async {
        started.store(true, ordering: .sequentiallyConsistent)
        await client.run()
    }

    /// Waits (up to 5 s) until `run()` has started the client.
    func waitUntilRunning() async {
        for _ in 0..<5000 where !started.load(ordering: .sequentiallyConsistent) {
            try? await Task.sleep(for: .milliseconds(1))
        }
        // `run()` flips the client's own flag in its first statement, right after ours.
        await Task.yield()
    }

    /// Applies the migrations this database has not seen, in order, each in its own transaction,
    /// under an advisory lock so that replicas starting together migrate once.
    public func migrate() async throws {
        await waitUntilRunning()
        try await PostgresMigrator.migrate(self)
    }
}

/// An error of the PostgreSQL store that is not the server's own.
public struct PostgresStoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }

    /// A requirement this backend does not implement yet.
    static func notImplemented(_ function: String) -> PostgresStoreError {
        PostgresStoreError("\(function) is not implemented on PostgreSQL yet")
    }
}
