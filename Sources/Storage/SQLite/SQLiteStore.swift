import Commerce
import Foundation
import GRDB
import Logging

/// The embedded storage of Storewise: one SQLite file in WAL mode, through GRDB.
///
/// One `SQLiteStore` (and so one `DatabasePool`) per database file per process: share it.
///
/// ```swift
/// let store = try SQLiteStore(path: "storewise.sqlite")
/// let shop = try await store.createShop(shop, webhookSecret: secret, apiTokenHash: hash, at: .now)
/// let outcomes = try await store.ingest(events)
/// ```
public final class SQLiteStore: Sendable {
    /// SQLite's `PRAGMA synchronous` for the WAL file.
    public enum Synchronous: String, Sendable {
        /// Every commit is durable, even on power loss (the default).
        case full = "FULL"
        /// A commit may be lost on power loss (never on a process crash); faster commits.
        case normal = "NORMAL"
    }

    /// The database connection(s): a `DatabasePool` for files, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter
    let logger: Logger
    /// A connection of its own for WAL checkpoints (file databases only); see `checkpoint()`.
    let checkpointer: DatabaseQueue?

    /// Opens (creating if needed) and migrates the database file at `path`.
    public convenience init(
        path: String, synchronous: Synchronous = .full,
        logger: Logger = Logger(label: "storewise.storage.sqlite")
    ) throws {
        let pool = try DatabasePool(path: path, configuration: Self.configuration(synchronous: synchronous))
        var checkpointConfiguration = Configuration()
        checkpointConfiguration.label = "storewise.checkpoint"
        // Short: a RESTART checkpoint holds writers off while it waits (see `checkpoint()`).
        checkpointConfiguration.busyMode = .timeout(0.02)
        try self.init(writer: pool, logger: logger, checkpointer: DatabaseQueue(path: path, configuration: checkpointConfiguration))
    }

    /// Wraps an open writer and runs the migrations.
    init(writer: any DatabaseWriter, logger: Logger, checkpointer: DatabaseQueue? = nil) throws {
        self.writer = writer
        self.logger = logger
        self.checkpointer = checkpointer
        try SQLiteMigrations.migrator.migrate(writer)
    }

    /// A private in-memory database, for tests and throwaway runs.
    public static func inMemory(logger: Logger = Logger(label: "storewise.storage.sqlite")) throws -> SQLiteStore {
        let queue = try DatabaseQueue(configuration: configuration(synchronous: .normal))
        return try SQLiteStore(writer: queue, logger: logger)
    }

    /// A fresh database file (WAL) in a new temporary directory; `directory` is what to delete afterwards.
    public static func temporary(
        synchronous: Synchronous = .normal
    ) throws -> (store: SQLiteStore, directory: URL) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("storewise-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("storewise.sqlite").path, synchronous: synchronous)
        return (store, directory)
    }

    /// WAL (set by `DatabasePool`), foreign keys on, a busy timeout for other processes' writes.
    static func configuration(synchronous: Synchronous) -> Configuration {
        var config = Configuration()
        config.label = "storewise"
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
            // Savepoint and statement journals in memory, not in temporary files: every ingested
            // event opens a savepoint.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // No automatic checkpoints: SQLite would run them inside the commit that crosses the
            // threshold, and that batch of webhooks would wait for megabytes of copying. Instead
            // `checkpoint()` runs on its own connection (see `WALCheckpointService`); a writer
            // that finds the WAL too large (256 MiB) still checkpoints as a safety net.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 65536")
            // 64 MiB of page cache per connection (the default is 2 MiB) and reads through a
            // memory map: the index and demand pages of a busy shop stay hot without read copies.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        return config
    }
}

/// What the projection code needs to know of a shop: its day boundaries and currency.
struct ShopContext: Sendable {
    var calendar: ShopCalendar
    var currency: String
    /// Where orders without a `location_id` count: `Shop.onlineLocationID`, else `Location.onlineID`.
    var onlineLocationID: Int64

    /// Loads the shop's time zone and currency; nil when the shop does not exist.
    static func load(_ db: Database, shopID: Int64) throws -> ShopContext? {
        let statement = try db.cachedStatement(sql: "SELECT time_zone, currency, online_location_id FROM shops WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [shopID]) else { return nil }
        let zone: String = row[0]
        return ShopContext(calendar: ShopCalendar(timeZoneIdentifier: zone), currency: row[1],
                           onlineLocationID: row[2] ?? Location.onlineID)
    }
}

extension Date {
    /// The storage form of an instant: whole milliseconds since the Unix epoch (UTC).
    var storageMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storageMilliseconds ms: Int64) { self.init(timeIntervalSince1970: Double(ms) / 1000) }
}

extension Row {
    /// A stored instant column (milliseconds), or nil.
    func date(_ column: String) -> Date? {
        (self[column] as Int64?).map(Date.init(storageMilliseconds:))
    }
}
