import Foundation

/// The state of a queued job.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for `runAfter`.
    case queued
    /// Leased by a worker until `leaseExpiresAt`; an expired lease makes it leasable again.
    case running
    case succeeded
    /// Out of attempts (or failed permanently): kept for a person to read and retry.
    case dead
}

/// A job to enqueue.
public struct JobDraft: Sendable, Hashable, Codable {
    /// The shop it concerns (nil for deployment-wide work).
    public var shopID: Int64?
    /// What to run: "train", "monitor", … (workers lease by type).
    public var type: String
    /// The job's arguments as JSON text.
    public var payload: String
    /// While a job with this key is queued or running, enqueueing another returns it instead.
    public var dedupeKey: String?
    public var maxAttempts: Int
    public var runAfter: Date
    /// Who asked for it ("scheduler", "cli", "api", …).
    public var requestedBy: String

    public init(shopID: Int64?, type: String, payload: String = "{}", dedupeKey: String? = nil, maxAttempts: Int = 5,
                runAfter: Date, requestedBy: String) {
        self.shopID = shopID; self.type = type; self.payload = payload; self.dedupeKey = dedupeKey
        self.maxAttempts = maxAttempts; self.runAfter = runAfter; self.requestedBy = requestedBy
    }
}

/// A stored job.
public struct JobRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var draft: JobDraft
    public var state: JobState
    /// Leases taken so far (the first lease makes it 1).
    public var attempts: Int
    /// The worker holding the lease, and the lease's token (a new one each lease, so a worker
    /// whose lease expired can neither complete nor fail the job any more).
    public var leaseOwner: String?
    public var leaseToken: String?
    public var leaseExpiresAt: Date?
    public var runAfter: Date
    public var lastError: String?
    /// What the job produced, as JSON text, once succeeded.
    public var result: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(id: Int64, draft: JobDraft, state: JobState, attempts: Int, leaseOwner: String?, leaseToken: String?,
                leaseExpiresAt: Date?, runAfter: Date, lastError: String?, result: String?, createdAt: Date, updatedAt: Date,
                finishedAt: Date?) {
        self.id = id; self.draft = draft; self.state = state; self.attempts = attempts; self.leaseOwner = leaseOwner
        self.leaseToken = leaseToken; self.leaseExpiresAt = leaseExpiresAt; self.runAfter = runAfter; self.lastError = lastError
        self.result = result; self.createdAt = createdAt; self.updatedAt = updatedAt; self.finishedAt = finishedAt
    }
}

/// A held lease: what a worker passes back to heartbeat, complete, fail or release a job.
public struct JobLease: Sendable, Hashable, Codable {
    public var jobID: Int64
    public var owner: String
    public var token: String

    public init(jobID: Int64, owner: String, token: String) {
        self.jobID = jobID; self.owner = owner; self.token = token
    }
}
