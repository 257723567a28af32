import Foundation
import Logging
import PostgresNIO
import Storage
import Synchronization

/// The PostgreSQL server the test script starts (`scripts/test` exports
/// `STOREWISE_TEST_POSTGRES_URL`), and fresh, migrated databases on it: one per test.
///
/// Each database is a copy of a template migrated once per test process
/// (`CREATE DATABASE … TEMPLATE`), so a test starts in a few milliseconds with the full schema.
/// Without the variable, Postgres tests skip with `TestPostgres.skipReason` printed.
public enum TestPostgres {
    /// The server's URL (any database on it; usually `postgres`), or nil when none was started.
    public static var serverURL: String? {
        let value = ProcessInfo.processInfo.environment["STOREWISE_TEST_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }

    public static var isAvailable: Bool { serverURL != nil }

    /// Printed by tests that skip their Postgres half.
    public static let skipReason = "SKIP postgres: STOREWISE_TEST_POSTGRES_URL is not set (scripts/test starts a private server)"

    /// Prints the skip reason once per process.
    public static func noteSkipped() {
        guard !isAvailable else { return }
        skipNotice.printOnce()
    }

    /// A new, empty, migrated database; returns its URL. Drop it with `dropDatabase(url:)` or
    /// leave it to the cluster's removal at the end of the run.
    public static func freshDatabaseURL() async throws -> String {
        guard let server = serverURL else { throw PostgresStoreError(skipReason) }
        return try await templates.freshDatabase(server: server)
    }

    /// A running, migrated `PostgresStore` on a fresh database. Keep `lifetime` alive while the store
    /// is used: releasing it cancels the client's run task.
    public static func freshStore(maximumConnections: Int = 4) async throws -> (store: PostgresStore, lifetime: PostgresLifetime) {
        let url = try await freshDatabaseURL()
        let store = try PostgresStore(url: url, maximumConnections: maximumConnections, logger: quietLogger)
        let lifetime = PostgresLifetime(store)
        try await store.migrate() // already migrated: checks and returns
        return (store, lifetime)
    }

    static let quietLogger: Logger = {
        var logger = Logger(label: "storewise.test.postgres")
        logger.logLevel = .error
        return logger
    }()

    private static let templates = TemplateDatabases()
    private static let skipNotice = OnceNotice(skipReason)
}

/// Keeps a `PostgresStore`'s client running for as long as this object lives.
public final class PostgresLifetime: Sendable {
    private let task: Task<Void, Never>

    public init(_ store: PostgresStore) {
        task = Task { await store.run() }
    }

    deinit { task.cancel() }
}

/// Creates the migrated template once, then copies it for every test.
private actor TemplateDatabases {
    private var templateTask: Task<String, any Error>?
    private var counter = 0
    private let prefix = "sw_\(ProcessInfo.processInfo.processIdentifier)_\(UInt32.random(in: 0...UInt32.max))"

    /// A client on the server's own database, kept for the process.
    private var admin: (store: PostgresStore, lifetime: PostgresLifetime)?

    func freshDatabase(server: String) async throws -> String {
        if admin == nil {
            let store = try PostgresStore(url: server, maximumConnections: 2, logger: TestPostgres.quietLogger)
            admin = (store, PostgresLifetime(store))
        }
        let admin = admin!.store
        // One creation even when several tests ask at once (the actor is reentrant across awaits).
        if templateTask == nil {
            let name = "\(prefix)_template"
            templateTask = Task {
                try await admin.client.query("CREATE DATABASE \(unescaped: name)")
                let store = try PostgresStore(url: Self.url(server, database: name), maximumConnections: 1, logger: TestPostgres.quietLogger)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await store.run() }
                    try await store.migrate()
                    group.cancelAll()
                }
                return name
            }
        }
        let template = try await templateTask!.value
        counter += 1
        let name = "\(prefix)_\(counter)"
        // The template's own connections are gone (its client stopped above); a copy is a file copy.
        var lastError: (any Error)?
        for _ in 0..<50 {
            do {
                try await admin.client.query("CREATE DATABASE \(unescaped: name) TEMPLATE \(unescaped: template)")
                return Self.url(server, database: name)
            } catch {
                // "source database is being accessed by other users": the template's last connection
                // is still closing; try again shortly.
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError!
    }

    static func url(_ server: String, database: String) -> String {
        guard var components = URLComponents(string: server) else { return server }
        components.path = "/" + database
        return components.string ?? server
    }
}

/// Prints a line once.
private final class OnceNotice: Sendable {
    private let printed = Mutex(false)
    private let text: String
    init(_ text: String) { self.text = text }
    func printOnce() {
        let first = printed.withLock { done in
            defer { done = true }
            return !done
        }
        if first { print(text) }
    }
}
