import GRDB

extension SQLiteStore {
    /// What one checkpoint did, in WAL frames (pages).
    public struct CheckpointResult: Sendable, Hashable {
        /// Frames in the WAL file.
        public var walFrames: Int
        /// Frames now copied into the database file.
        public var checkpointedFrames: Int
    }

    /// Copies committed WAL frames into the database file on a connection of its own, without
    /// taking the write lock: ingest keeps committing while it runs (SQLite's PASSIVE mode).
    /// Once every frame is copied, the next writer starts the WAL over from its beginning.
    /// Returns nil for an in-memory store, which has no WAL.
    @discardableResult
    public func checkpoint() throws -> CheckpointResult? {
        guard let checkpointer else { return nil }
        return try checkpointer.writeWithoutTransaction { db in
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
            return CheckpointResult(walFrames: row?[1] ?? 0, checkpointedFrames: row?[2] ?? 0)
        }
    }
}
