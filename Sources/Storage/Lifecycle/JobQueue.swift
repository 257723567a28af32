import Foundation

/// A durable job queue with leases, retries and a dead-letter state.
///
/// A worker leases a job for a while and heartbeats to keep it; a job whose lease expires
/// (its worker died) becomes leasable again with a new token, so the old worker's late
/// `completeJob` or `failJob` is refused (returns false) and the job completes exactly once.
/// Times are passed in, so tests drive the clock.
///
/// ```swift
/// let job = try await queue.enqueueJob(JobDraft(shopID: 1, type: "train", payload: #"{"kind":"forecast"}"#,
///                                                 dedupeKey: "train:1:forecast", runAfter: .now, requestedBy: "cli"))
/// if let (job, lease) = try await queue.leaseJob(types: ["train"], owner: "worker-1", now: .now, leaseSeconds: 60) {
///     … run it …
///     try await queue.completeJob(lease, result: "{}", now: .now)
/// }
/// ```
public protocol JobQueue: Sendable {
    /// Stores a queued job; when `dedupeKey` matches a queued or running job, returns that job.
    func enqueueJob(_ draft: JobDraft, at: Date) async throws -> JobRecord
    /// Leases the oldest due job of the given types (queued with `runAfter <= now`, or running
    /// with an expired lease), counting an attempt; nil when none is due. A job whose expired
    /// lease was its last attempt goes dead instead of being leased.
    func leaseJob(types: [String], owner: String, now: Date, leaseSeconds: Double) async throws -> (JobRecord, JobLease)?
    /// Extends a held lease; false when the lease is no longer held.
    func heartbeatJob(_ lease: JobLease, now: Date, leaseSeconds: Double) async throws -> Bool
    /// Marks the job succeeded with its result; false (and nothing changed) when the lease is no longer held.
    func completeJob(_ lease: JobLease, result: String, now: Date) async throws -> Bool
    /// Records a failure: queued again at `retryAt` when attempts remain and `retryAt` is given,
    /// else dead. Returns the updated job, or nil when the lease is no longer held.
    func failJob(_ lease: JobLease, error: String, retryAt: Date?, now: Date) async throws -> JobRecord?
    /// Gives a leased job back untouched (shutdown): queued again, the attempt not counted.
    func releaseJob(_ lease: JobLease, now: Date) async throws -> Bool
    /// Queues a dead job again with fresh attempts; false when it is not dead.
    func retryDeadJob(id: Int64, now: Date) async throws -> Bool
    func job(id: Int64) async throws -> JobRecord?
    /// Jobs newest first, filtered by shop and states when given.
    func jobs(shopID: Int64?, states: [JobState]?, limit: Int) async throws -> [JobRecord]
    /// Count of jobs per state (for `/metrics` and the dashboard).
    func jobCounts() async throws -> [JobState: Int]
}
