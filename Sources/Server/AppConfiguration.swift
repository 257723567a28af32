import Foundation
import Logging
import Storage

/// Everything `buildApplication` needs, as plain values: the CLI fills it from swift-configuration,
/// tests fill it in code.
public struct AppConfiguration: Sendable {
    /// `http.host`: address to bind.
    public var host: String
    /// `http.port`: port to bind; 0 picks a free one.
    public var port: Int
    /// `db.url`: the database (a SQLite file by default, or a PostgreSQL server).
    public var database: DatabaseLocation
    /// The SQLite file of `db.url` (empty on PostgreSQL).
    public var databasePath: String {
        if case .sqlite(let path) = database { return path }
        return ""
    }
    /// `db.synchronous`: "full" (an acknowledged webhook survives power loss) or "normal"
    /// (survives a process crash; faster on slow disks).
    public var synchronousFull: Bool
    /// `data.dir`: folder for GDPR exports and other files Storewise writes.
    public var dataDirectory: URL
    /// `ingest.max_batch`: most webhooks one commit takes.
    public var ingestMaxBatch: Int
    /// `http.max_body_bytes`: largest webhook body accepted.
    public var maxBodyBytes: Int
    /// `log.level`.
    public var logLevel: Logger.Level
    /// `db.checkpointIntervalMs`: how often the WAL is checkpointed in the background.
    public var checkpointInterval: Duration = .milliseconds(250)

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "data/storewise.sqlite", database: DatabaseLocation? = nil,
        synchronousFull: Bool = true, dataDirectory: URL = URL(fileURLWithPath: "data"),
        ingestMaxBatch: Int = 256, maxBodyBytes: Int = 8 << 20, logLevel: Logger.Level = .info
    ) {
        self.host = host; self.port = port; self.database = database ?? .sqlite(path: databasePath)
        self.synchronousFull = synchronousFull; self.dataDirectory = dataDirectory
        self.ingestMaxBatch = ingestMaxBatch; self.maxBodyBytes = maxBodyBytes; self.logLevel = logLevel
    }
}
