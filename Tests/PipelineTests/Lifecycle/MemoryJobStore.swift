import Foundation
import Storage

/// An in-memory `JobQueue` and the alert part of `ModelMonitoringStore`, following the
/// protocols' documented semantics, for worker tests that must not depend on SQLite. The same
/// tests run on `SQLiteStore` where it conforms.
actor MemoryJobStore: JobQueue, ModelMonitoringStore {
    var jobsByID: [Int64: JobRecord] = [:]
    var nextID: Int64 = 1
    var alerts: [ModelAlert] = []
    var drift: [DriftReportRecord] = []
    var accuracy: [LiveAccuracyRecord] = []

    func enqueueJob(_ draft: JobDraft, at: Date) async throws -> JobRecord {
        if let key = draft.dedupeKey,
           let existing = jobsByID.values.filter({ $0.draft.dedupeKey == key && ($0.state == .queued || $0.state == .running) })
               .min(by: { $0.id < $1.id }) {
            return existing
        }
        let job = JobRecord(id: nextID, draft: draft, state: .queued, attempts: 0, leaseOwner: nil, leaseToken: nil, leaseExpiresAt: nil,
                            runAfter: draft.runAfter, lastError: nil, result: nil, createdAt: at, updatedAt: at, finishedAt: nil)
        jobsByID[nextID] = job
        nextID += 1
        return job
    }

    func leaseJob(types: [String], owner: String, now: Date, leaseSeconds: Double) async throws -> (JobRecord, JobLease)? {
        for id in jobsByID.keys.sorted() {
            guard var job = jobsByID[id], types.contains(job.draft.type) else { continue }
            let due = (job.state == .queued && job.runAfter <= now) || (job.state == .running && (job.leaseExpiresAt ?? now) <= now)
            guard due else { continue }
            if job.state == .running, job.attempts >= job.draft.maxAttempts {
                job.state = .dead; job.leaseOwner = nil; job.leaseToken = nil; job.finishedAt = now; job.updatedAt = now
                job.lastError = job.lastError ?? "lease expired on the last attempt"
                jobsByID[id] = job
                continue
            }
            job.state = .running; job.attempts += 1; job.leaseOwner = owner; job.leaseToken = UUID().uuidString
            job.leaseExpiresAt = now.addingTimeInterval(leaseSeconds); job.updatedAt = now
            jobsByID[id] = job
            return (job, JobLease(jobID: id, owner: owner, token: job.leaseToken!))
        }
        return nil
    }

    private func held(_ lease: JobLease) -> JobRecord? {
        guard let job = jobsByID[lease.jobID], job.state == .running, job.leaseToken == lease.token else { return nil }
        return job
    }

    func heartbeatJob(_ lease: JobLease, now: Date, leaseSeconds: Double) async throws -> Bool {
        guard var job = held(lease) else { return false }
        job.leaseExpiresAt = now.addingTimeInterval(leaseSeconds); job.updatedAt = now
        jobsByID[job.id] = job
        return true
    }

    func completeJob(_ lease: JobLease, result: String, now: Date) async throws -> Bool {
        guard var job = held(lease) else { return false }
        job.state = .succeeded; job.result = result; job.finishedAt = now; job.updatedAt = now
        job.leaseToken = nil; job.leaseExpiresAt = nil
        jobsByID[job.id] = job
        return true
    }

    func failJob(_ lease: JobLease, error: String, retryAt: Date?, now: Date) async throws -> JobRecord? {
        guard var job = held(lease) else { return nil }
        job.lastError = error; job.updatedAt = now; job.leaseToken = nil; job.leaseExpiresAt = nil; job.leaseOwner = nil
        if let retryAt, job.attempts < job.draft.maxAttempts {
            job.state = .queued; job.runAfter = retryAt
        } else {
            job.state = .dead; job.finishedAt = now
        }
        jobsByID[job.id] = job
        return job
    }

    func releaseJob(_ lease: JobLease, now: Date) async throws -> Bool {
        guard var job = held(lease) else { return false }
        job.state = .queued; job.attempts -= 1; job.runAfter = now; job.updatedAt = now
        job.leaseToken = nil; job.leaseExpiresAt = nil; job.leaseOwner = nil
        jobsByID[job.id] = job
        return true
    }

    func retryDeadJob(id: Int64, now: Date) async throws -> Bool {
        guard var job = jobsByID[id], job.state == .dead else { return false }
        job.state = .queued; job.attempts = 0; job.runAfter = now; job.updatedAt = now; job.finishedAt = nil
        jobsByID[id] = job
        return true
    }

    func job(id: Int64) async throws -> JobRecord? { jobsByID[id] }

    func jobs(shopID: Int64?, states: [JobState]?, limit: Int) async throws -> [JobRecord] {
        Array(jobsByID.values.filter { (shopID == nil || $0.draft.shopID == shopID) && (states?.contains($0.state) ?? true) }
            .sorted { $0.id > $1.id }.prefix(limit))
    }

    func jobCounts() async throws -> [JobState: Int] {
        Dictionary(grouping: jobsByID.values, by: \.state).mapValues(\.count)
    }

    // MARK: monitoring

    func saveDriftReport(_ report: DriftReportRecord) async throws -> DriftReportRecord {
        var stored = report; stored.id = Int64(drift.count + 1); drift.append(stored); return stored
    }

    func driftReports(shopID: Int64, kind: String?, limit: Int) async throws -> [DriftReportRecord] {
        Array(drift.filter { $0.shopID == shopID && (kind == nil || $0.kind == kind) }.reversed().prefix(limit))
    }

    func driftReport(shopID: Int64, id: Int64) async throws -> DriftReportRecord? { drift.first { $0.id == id && $0.shopID == shopID } }

    func saveLiveAccuracy(_ record: LiveAccuracyRecord) async throws -> LiveAccuracyRecord {
        var stored = record; stored.id = Int64(accuracy.count + 1); accuracy.append(stored); return stored
    }

    func liveAccuracy(shopID: Int64, kind: String, version: Int?, limit: Int) async throws -> [LiveAccuracyRecord] {
        Array(accuracy.filter { $0.shopID == shopID && $0.kind == kind && (version == nil || $0.version == version) }.prefix(limit))
    }

    func raiseAlert(_ alert: ModelAlert) async throws -> ModelAlert? {
        if alerts.contains(where: { $0.resolvedAt == nil && $0.shopID == alert.shopID && $0.kind == alert.kind
            && $0.version == alert.version && $0.type == alert.type }) { return nil }
        var stored = alert; stored.id = Int64(alerts.count + 1); alerts.append(stored); return stored
    }

    func modelAlerts(shopID: Int64?, openOnly: Bool, limit: Int) async throws -> [ModelAlert] {
        Array(alerts.filter { (shopID == nil || $0.shopID == shopID) && (!openOnly || $0.resolvedAt == nil) }.reversed().prefix(limit))
    }

    func resolveAlert(shopID: Int64, id: Int64, by: String, at: Date) async throws -> Bool {
        guard let i = alerts.firstIndex(where: { $0.id == id && $0.shopID == shopID && $0.resolvedAt == nil }) else { return false }
        alerts[i].resolvedAt = at; alerts[i].resolvedBy = by
        return true
    }

    func markAlertNotified(id: Int64) async throws {
        if let i = alerts.firstIndex(where: { $0.id == id }) { alerts[i].notified = true }
    }

    func openAlertCounts() async throws -> [OpenAlertCount] {
        Dictionary(grouping: alerts.filter { $0.resolvedAt == nil }, by: { "\($0.shopID)|\($0.kind)|\($0.type)" })
            .values.map { OpenAlertCount(shopID: $0[0].shopID, kind: $0[0].kind, type: $0[0].type, count: $0.count) }
    }
}
