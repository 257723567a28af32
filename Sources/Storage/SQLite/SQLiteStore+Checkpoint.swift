import GRDB

extension SQLiteStore {
    /// What one checkpoint did, in WAL frames (pages).
    public struct CheckpointResult: Sendable, Hashable {
        /// Frames in the WAL file.
        public var walFrames: Int
        /// Frames now copied into the database file.
        public var checkpointedFrames: Int
        /// Whether the WAL was restarted: the next commit writes from its beginning again.
        public var restarted: Bool
    }

    /// Frames left to copy below which the WAL is restarted in one short step.
    static let restartBacklog = 1_024
    /// WAL size (frames, 4 KiB each) from which restarting is worth a brief pause of writers.
    static let restartSize = 8_192

    /// Keeps the WAL short without making any commit wait for a long checkpoint.
    ///
    /// Under steady ingest a PASSIVE checkpoint (which never blocks writers) never catches up
    /// with the end of the log, so SQLite never starts the log over and it grows without bound,
    /// slowing every lookup in it. So: copy in PASSIVE rounds until little is left, then, when
    /// the log is large, finish with RESTART, which holds writers off only while those last
    /// frames are copied (a few milliseconds) and lets the next commit start the log over. The
    /// connection's short busy timeout bounds that pause when a reader is still on an old snapshot.
    /// Returns nil for an in-memory store, which has no WAL.
    @discardableResult
    public func checkpoint() throws -> CheckpointResult? {
        guard let checkpointer else { return nil }
        return try checkpointer.writeWithoutTransaction { db in
            func run(_ mode: String) throws -> (busy: Bool, log: Int, done: Int) {
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(\(mode))")
                return ((row?[0] as Int? ?? 0) != 0, row?[1] ?? 0, row?[2] ?? 0)
            }
            var state = try run("PASSIVE")
            var rounds = 1
            while state.log - state.done > Self.restartBacklog, rounds < 8 {
                state = try run("PASSIVE")
                rounds += 1
            }
            guard state.log >= Self.restartSize, state.log - state.done <= Self.restartBacklog else {
                return CheckpointResult(walFrames: state.log, checkpointedFrames: state.done, restarted: false)
            }
            let restart = try run("RESTART")
            return CheckpointResult(walFrames: restart.log, checkpointedFrames: restart.done, restarted: !restart.busy)
        }
    }
}
