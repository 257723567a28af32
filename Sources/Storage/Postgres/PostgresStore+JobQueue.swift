import Commerce
import Foundation
import Logging
import PostgresNIO

/// The durable job queue in `jobs`, shared by every worker process on the database.
///
/// SQLite serialized all writers; here each operation says how it stays safe with other
/// processes: leasing claims with `FOR UPDATE SKIP LOCKED` (two workers never get one job and
/// never wait on each other), lease checks are one conditional `UPDATE … WHERE lease_token = …`
/// (atomic per row), and a dedupe key is serialized with an advisory lock.
extension PostgresStore: JobQueue {
    public func enqueueJob(_ draft: JobDraft, at: Date) async throws -> JobRecord {
        try await transaction { connection in
            if let shopID = draft.shopID { try await Self.requireLifecycleShop(connection, shopID, logger: logger) }
            if let key = draft.dedupeKey {
                // Two processes enqueueing the same key at once would both miss the other's uncommitted
                // row; the transaction-scoped lock on the key makes the second wait for the first's commit,
                // and its next statement (READ COMMITTED) sees that job. A lock rather than a unique index:
                // `retryDeadJob` may bring back a dead job whose key is live again, as SQLite allows.
                try await connection.execute("""
                    SELECT pg_advisory_xact_lock(\(unescaped: LifecycleLock.jobDedupe), hashtext(\(key)))
                    """, logger: logger)
                if let existing = try await Self.fetchJobRecords(connection, logger: logger, """
                    SELECT \(unescaped: Self.jobColumns) FROM jobs
                    WHERE dedupe_key = \(key) AND state IN ('queued', 'running') ORDER BY id LIMIT 1
                    """).first {
                    return existing
                }
            }
            let now = at.storageMilliseconds
            let rows = try await Self.fetchJobRecords(connection, logger: logger, """
                INSERT INTO jobs (shop_id, type, payload, dedupe_key, max_attempts, requested_by, state, attempts, run_after,
                    created_at, updated_at)
                VALUES (\(draft.shopID), \(draft.type), \(draft.payload), \(draft.dedupeKey), \(draft.maxAttempts),
                    \(draft.requestedBy), 'queued', 0, \(draft.runAfter.storageMilliseconds), \(now), \(now))
                RETURNING \(unescaped: Self.jobColumns)
                """)
            guard let job = rows.first else { throw PostgresStoreError("enqueueJob: INSERT returned no row") }
            return job
        }
    }

    public func leaseJob(types: [String], owner: String, now: Date, leaseSeconds: Double) async throws -> (JobRecord, JobLease)? {
        guard !types.isEmpty else { return nil }
        let nowMilliseconds = now.storageMilliseconds
        let expires = nowMilliseconds + Int64((leaseSeconds * 1000).rounded())
        return try await transaction { connection in
            // Due jobs in (run_after, id) order, as SQLite: queued ones and running ones whose lease ran
            // out. `FOR UPDATE SKIP LOCKED` claims the row for this transaction and passes over rows
            // another worker is claiming right now, so concurrent workers take different jobs at once.
            while let row = try await connection.rows("""
                SELECT id, state, attempts, max_attempts FROM jobs
                WHERE type = ANY(\(types)) AND (
                    (state = 'queued' AND run_after <= \(nowMilliseconds))
                    OR (state = 'running' AND lease_expires_at <= \(nowMilliseconds)))
                ORDER BY run_after, id LIMIT 1
                FOR UPDATE SKIP LOCKED
                """, logger: logger).first {
                let (id, state, attempts, maxAttempts) = try row.decode((Int64, String, Int64, Int64).self)
                if state == JobState.running.rawValue && attempts >= maxAttempts {
                    // Its worker died on the last attempt: dead, for a person to look at (we hold its row lock).
                    try await connection.execute("""
                        UPDATE jobs SET state = 'dead', last_error = \("lease expired after \(attempts) attempts"),
                            lease_expires_at = NULL, updated_at = \(nowMilliseconds), finished_at = \(nowMilliseconds)
                        WHERE id = \(id)
                        """, logger: logger)
                    continue
                }
                let token = UUID().uuidString
                guard let job = try await Self.fetchJobRecords(connection, logger: logger, """
                    UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = \(owner), lease_token = \(token),
                        lease_expires_at = \(expires), updated_at = \(nowMilliseconds)
                    WHERE id = \(id)
                    RETURNING \(unescaped: Self.jobColumns)
                    """).first else { return nil }
                return (job, JobLease(jobID: id, owner: owner, token: token))
            }
            return nil
        }
    }

    public func heartbeatJob(_ lease: JobLease, now: Date, leaseSeconds: Double) async throws -> Bool {
        let nowMilliseconds = now.storageMilliseconds
        let expires = nowMilliseconds + Int64((leaseSeconds * 1000).rounded())
        return try await !rows("""
            UPDATE jobs SET lease_expires_at = \(expires), updated_at = \(nowMilliseconds)
            WHERE id = \(lease.jobID) AND lease_owner = \(lease.owner) AND lease_token = \(lease.token) AND state = 'running'
            RETURNING id
            """).isEmpty
    }

    public func completeJob(_ lease: JobLease, result: String, now: Date) async throws -> Bool {
        let nowMilliseconds = now.storageMilliseconds
        // One conditional UPDATE: the row lock it takes and its re-checked WHERE make the lease check
        // and the write atomic against a worker re-leasing the job concurrently.
        return try await !rows("""
            UPDATE jobs SET state = 'succeeded', result = \(result), lease_expires_at = NULL, updated_at = \(nowMilliseconds),
                finished_at = \(nowMilliseconds)
            WHERE id = \(lease.jobID) AND lease_owner = \(lease.owner) AND lease_token = \(lease.token) AND state = 'running'
            RETURNING id
            """).isEmpty
    }

    public func failJob(_ lease: JobLease, error: String, retryAt: Date?, now: Date) async throws -> JobRecord? {
        let nowMilliseconds = now.storageMilliseconds
        return try await transaction { connection in
            // FOR UPDATE: the lease check and the state change below cannot be split by a re-lease.
            guard let held = try await connection.rows("""
                SELECT attempts, max_attempts FROM jobs
                WHERE id = \(lease.jobID) AND lease_owner = \(lease.owner) AND lease_token = \(lease.token) AND state = 'running'
                FOR UPDATE
                """, logger: logger).first else { return nil }
            let (attempts, maxAttempts) = try held.decode((Int64, Int64).self)
            if let retryAt, attempts < maxAttempts {
                return try await Self.fetchJobRecords(connection, logger: logger, """
                    UPDATE jobs SET state = 'queued', run_after = \(retryAt.storageMilliseconds), last_error = \(error),
                        lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = \(nowMilliseconds)
                    WHERE id = \(lease.jobID)
                    RETURNING \(unescaped: Self.jobColumns)
                    """).first
            }
            return try await Self.fetchJobRecords(connection, logger: logger, """
                UPDATE jobs SET state = 'dead', last_error = \(error), lease_expires_at = NULL, updated_at = \(nowMilliseconds),
                    finished_at = \(nowMilliseconds)
                WHERE id = \(lease.jobID)
                RETURNING \(unescaped: Self.jobColumns)
                """).first
        }
    }

    public func releaseJob(_ lease: JobLease, now: Date) async throws -> Bool {
        try await !rows("""
            UPDATE jobs SET state = 'queued', attempts = greatest(0, attempts - 1), lease_owner = NULL, lease_token = NULL,
                lease_expires_at = NULL, updated_at = \(now.storageMilliseconds)
            WHERE id = \(lease.jobID) AND lease_owner = \(lease.owner) AND lease_token = \(lease.token) AND state = 'running'
            RETURNING id
            """).isEmpty
    }

    public func retryDeadJob(id: Int64, now: Date) async throws -> Bool {
        let nowMilliseconds = now.storageMilliseconds
        return try await !rows("""
            UPDATE jobs SET state = 'queued', attempts = 0, run_after = \(nowMilliseconds), lease_owner = NULL, lease_token = NULL,
                lease_expires_at = NULL, finished_at = NULL, updated_at = \(nowMilliseconds)
            WHERE id = \(id) AND state = 'dead'
            RETURNING id
            """).isEmpty
    }

    public func job(id: Int64) async throws -> JobRecord? {
        try await Self.jobRecords(rows("SELECT \(unescaped: Self.jobColumns) FROM jobs WHERE id = \(id)")).first
    }

    public func jobs(shopID: Int64?, states: [JobState]?, limit: Int) async throws -> [JobRecord] {
        if let states, states.isEmpty { return [] }
        let stateNames = states?.map(\.rawValue)
        return try await Self.jobRecords(rows("""
            SELECT \(unescaped: Self.jobColumns) FROM jobs
            WHERE (\(shopID)::bigint IS NULL OR shop_id = \(shopID)::bigint)
              AND (\(stateNames)::text[] IS NULL OR state = ANY(\(stateNames)::text[]))
            ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
            """))
    }

    public func jobCounts() async throws -> [JobState: Int] {
        var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
        for row in try await rows("SELECT state, count(*) FROM jobs GROUP BY state") {
            let (state, count) = try row.decode((String, Int64).self)
            if let state = JobState(rawValue: state) { counts[state] = Int(count) }
        }
        return counts
    }

    // MARK: Rows

    /// The columns `jobRecords` decodes, in its order.
    static let jobColumns = """
        id, shop_id, type, payload, dedupe_key, max_attempts, requested_by, state, attempts, run_after, lease_owner,
        lease_token, lease_expires_at, last_error, result, created_at, updated_at, finished_at
        """

    static func fetchJobRecords(_ connection: PostgresConnection, logger: Logger, _ query: PostgresQuery) async throws -> [JobRecord] {
        try await jobRecords(connection.rows(query, logger: logger))
    }

    static func jobRecords(_ rows: [PostgresRow]) throws -> [JobRecord] {
        try rows.map { row in
            let (id, shopID, type, payload, dedupeKey, maxAttempts, requestedBy, state, attempts, runAfter, leaseOwner,
                 leaseToken, leaseExpiresAt, lastError, result, createdAt, updatedAt, finishedAt) = try row.decode(
                (Int64, Int64?, String, String, String?, Int64, String, String, Int64, Int64, String?,
                 String?, Int64?, String?, String?, Int64, Int64, Int64?).self)
            let draft = JobDraft(shopID: shopID, type: type, payload: payload, dedupeKey: dedupeKey, maxAttempts: Int(maxAttempts),
                                 runAfter: Date(storageMilliseconds: runAfter), requestedBy: requestedBy)
            return JobRecord(
                id: id, draft: draft, state: JobState(rawValue: state) ?? .dead, attempts: Int(attempts), leaseOwner: leaseOwner,
                leaseToken: leaseToken, leaseExpiresAt: leaseExpiresAt.map(Date.init(storageMilliseconds:)),
                runAfter: Date(storageMilliseconds: runAfter), lastError: lastError, result: result,
                createdAt: Date(storageMilliseconds: createdAt), updatedAt: Date(storageMilliseconds: updatedAt),
                finishedAt: finishedAt.map(Date.init(storageMilliseconds:)))
        }
    }
}
