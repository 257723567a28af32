import Foundation
import GRDB

/// The durable job queue in `jobs` (v7).
///
/// Every state change is one write transaction, and SQLite serializes writers: two workers
/// leasing at once get different jobs, and a lease check (id, owner, token, running) and the
/// update it guards cannot be split by another writer.
extension SQLiteStore: JobQueue {
    public func enqueueJob(_ draft: JobDraft, at: Date) async throws -> JobRecord {
        try await writer.write { db in
            if let shopID = draft.shopID { try Self.requireShop(db, shopID) }
            if let key = draft.dedupeKey, let existing = try Self.fetchJob(db, """
                WHERE dedupe_key = ? AND state IN ('queued', 'running') ORDER BY id LIMIT 1
                """, [key]) {
                return existing
            }
            let now = at.storageMilliseconds
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO jobs (shop_id, type, payload, dedupe_key, max_attempts, requested_by, state, attempts, run_after,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?) RETURNING id
                """, arguments: [
                    draft.shopID, draft.type, draft.payload, draft.dedupeKey, draft.maxAttempts, draft.requestedBy,
                    draft.runAfter.storageMilliseconds, now, now,
                ]) ?? 0
            return try Self.fetchJob(db, "WHERE id = ?", [id])!
        }
    }

    public func leaseJob(types: [String], owner: String, now: Date, leaseSeconds: Double) async throws -> (JobRecord, JobLease)? {
        guard !types.isEmpty else { return nil }
        let nowMilliseconds = now.storageMilliseconds
        let expires = nowMilliseconds + Int64((leaseSeconds * 1000).rounded())
        let placeholders = Array(repeating: "?", count: types.count).joined(separator: ", ")
        let typeArguments = StatementArguments(types)
        return try await writer.write { db in
            // Due jobs in (run_after, id) order: queued ones through `jobs_lease`, running ones
            // whose lease ran out (few: one per live worker at most).
            let candidates = try db.cachedStatement(sql: """
                SELECT id, state, attempts, max_attempts FROM jobs
                WHERE type IN (\(placeholders)) AND (
                    (state = 'queued' AND run_after <= ?) OR (state = 'running' AND lease_expires_at <= ?))
                ORDER BY run_after, id LIMIT 1
                """)
            while let row = try Row.fetchOne(candidates, arguments: typeArguments + [nowMilliseconds, nowMilliseconds]) {
                let id: Int64 = row["id"]
                let attempts: Int = row["attempts"]
                let maxAttempts: Int = row["max_attempts"]
                if (row["state"] as String) == JobState.running.rawValue && attempts >= maxAttempts {
                    // Its worker died on the last attempt: dead, for a person to look at.
                    try db.execute(sql: """
                        UPDATE jobs SET state = 'dead', last_error = ?, lease_expires_at = NULL, updated_at = ?, finished_at = ?
                        WHERE id = ?
                        """, arguments: ["lease expired after \(attempts) attempts", nowMilliseconds, nowMilliseconds, id])
                    continue
                }
                let token = UUID().uuidString
                try db.execute(sql: """
                    UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_token = ?,
                        lease_expires_at = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [owner, token, expires, nowMilliseconds, id])
                guard let job = try Self.fetchJob(db, "WHERE id = ?", [id]) else { return nil }
                return (job, JobLease(jobID: id, owner: owner, token: token))
            }
            return nil
        }
    }

    public func heartbeatJob(_ lease: JobLease, now: Date, leaseSeconds: Double) async throws -> Bool {
        let nowMilliseconds = now.storageMilliseconds
        return try await updateLeased(lease, """
            UPDATE jobs SET lease_expires_at = ?, updated_at = ?
            """, [nowMilliseconds + Int64((leaseSeconds * 1000).rounded()), nowMilliseconds])
    }

    public func completeJob(_ lease: JobLease, result: String, now: Date) async throws -> Bool {
        let nowMilliseconds = now.storageMilliseconds
        return try await updateLeased(lease, """
            UPDATE jobs SET state = 'succeeded', result = ?, lease_expires_at = NULL, updated_at = ?, finished_at = ?
            """, [result, nowMilliseconds, nowMilliseconds])
    }

    public func failJob(_ lease: JobLease, error: String, retryAt: Date?, now: Date) async throws -> JobRecord? {
        let nowMilliseconds = now.storageMilliseconds
        return try await writer.write { db in
            guard let job = try Self.fetchJob(db, "WHERE id = ? AND lease_owner = ? AND lease_token = ? AND state = 'running'",
                                              [lease.jobID, lease.owner, lease.token]) else { return nil }
            if let retryAt, job.attempts < job.draft.maxAttempts {
                try db.execute(sql: """
                    UPDATE jobs SET state = 'queued', run_after = ?, last_error = ?, lease_owner = NULL, lease_token = NULL,
                        lease_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """, arguments: [retryAt.storageMilliseconds, error, nowMilliseconds, job.id])
            } else {
                try db.execute(sql: """
                    UPDATE jobs SET state = 'dead', last_error = ?, lease_expires_at = NULL, updated_at = ?, finished_at = ?
                    WHERE id = ?
                    """, arguments: [error, nowMilliseconds, nowMilliseconds, job.id])
            }
            return try Self.fetchJob(db, "WHERE id = ?", [job.id])
        }
    }

    public func releaseJob(_ lease: JobLease, now: Date) async throws -> Bool {
        try await updateLeased(lease, """
            UPDATE jobs SET state = 'queued', attempts = max(0, attempts - 1), lease_owner = NULL, lease_token = NULL,
                lease_expires_at = NULL, updated_at = ?
            """, [now.storageMilliseconds])
    }

    public func retryDeadJob(id: Int64, now: Date) async throws -> Bool {
        let nowMilliseconds = now.storageMilliseconds
        return try await writer.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'queued', attempts = 0, run_after = ?, lease_owner = NULL, lease_token = NULL,
                    lease_expires_at = NULL, finished_at = NULL, updated_at = ?
                WHERE id = ? AND state = 'dead'
                """, arguments: [nowMilliseconds, nowMilliseconds, id])
            return db.changesCount > 0
        }
    }

    public func job(id: Int64) async throws -> JobRecord? {
        try await writer.read { db in try Self.fetchJob(db, "WHERE id = ?", [id]) }
    }

    public func jobs(shopID: Int64?, states: [JobState]?, limit: Int) async throws -> [JobRecord] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let shopID {
            clauses.append("shop_id = ?")
            arguments += [shopID]
        }
        if let states {
            guard !states.isEmpty else { return [] }
            clauses.append("state IN (" + Array(repeating: "?", count: states.count).joined(separator: ", ") + ")")
            arguments += StatementArguments(states.map(\.rawValue))
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        arguments += [max(0, limit)]
        return try await writer.read { [arguments] db in
            try Self.fetchJobs(db, "\(whereClause) ORDER BY id DESC LIMIT ?", arguments)
        }
    }

    public func jobCounts() async throws -> [JobState: Int] {
        try await writer.read { db in
            var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM jobs GROUP BY state") {
                if let state = JobState(rawValue: row[0]) { counts[state] = row[1] }
            }
            return counts
        }
    }

    // MARK: Rows

    /// Runs `update` (an UPDATE without WHERE) on the job when the lease is still held; false otherwise.
    private func updateLeased(_ lease: JobLease, _ update: String, _ arguments: StatementArguments) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: update + " WHERE id = ? AND lease_owner = ? AND lease_token = ? AND state = 'running'",
                           arguments: arguments + [lease.jobID, lease.owner, lease.token])
            return db.changesCount > 0
        }
    }

    static func fetchJob(_ db: Database, _ clause: String, _ arguments: StatementArguments) throws -> JobRecord? {
        try fetchJobs(db, clause, arguments).first
    }

    static func fetchJobs(_ db: Database, _ clause: String, _ arguments: StatementArguments) throws -> [JobRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM jobs \(clause)"), arguments: arguments).map { row in
            let runAfter = row.date("run_after") ?? Date(timeIntervalSince1970: 0)
            let draft = JobDraft(shopID: row["shop_id"], type: row["type"], payload: row["payload"], dedupeKey: row["dedupe_key"],
                                 maxAttempts: row["max_attempts"], runAfter: runAfter, requestedBy: row["requested_by"])
            return JobRecord(
                id: row["id"], draft: draft, state: JobState(rawValue: row["state"]) ?? .dead, attempts: row["attempts"],
                leaseOwner: row["lease_owner"], leaseToken: row["lease_token"], leaseExpiresAt: row.date("lease_expires_at"),
                runAfter: runAfter, lastError: row["last_error"], result: row["result"],
                createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0),
                updatedAt: row.date("updated_at") ?? Date(timeIntervalSince1970: 0), finishedAt: row.date("finished_at"))
        }
    }
}
