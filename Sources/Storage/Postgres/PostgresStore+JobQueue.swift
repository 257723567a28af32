import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: JobQueue {
    public func enqueueJob(_ draft: JobDraft, at: Date) async throws -> JobRecord {
        throw PostgresStoreError.notImplemented("JobQueue.enqueueJob")
    }

    public func leaseJob(types: [String], owner: String, now: Date, leaseSeconds: Double) async throws -> (JobRecord, JobLease)? {
        throw PostgresStoreError.notImplemented("JobQueue.leaseJob")
    }

    public func heartbeatJob(_ lease: JobLease, now: Date, leaseSeconds: Double) async throws -> Bool {
        throw PostgresStoreError.notImplemented("JobQueue.heartbeatJob")
    }

    public func completeJob(_ lease: JobLease, result: String, now: Date) async throws -> Bool {
        throw PostgresStoreError.notImplemented("JobQueue.completeJob")
    }

    public func failJob(_ lease: JobLease, error: String, retryAt: Date?, now: Date) async throws -> JobRecord? {
        throw PostgresStoreError.notImplemented("JobQueue.failJob")
    }

    public func releaseJob(_ lease: JobLease, now: Date) async throws -> Bool {
        throw PostgresStoreError.notImplemented("JobQueue.releaseJob")
    }

    public func retryDeadJob(id: Int64, now: Date) async throws -> Bool {
        throw PostgresStoreError.notImplemented("JobQueue.retryDeadJob")
    }

    public func job(id: Int64) async throws -> JobRecord? {
        throw PostgresStoreError.notImplemented("JobQueue.job")
    }

    public func jobs(shopID: Int64?, states: [JobState]?, limit: Int) async throws -> [JobRecord] {
        throw PostgresStoreError.notImplemented("JobQueue.jobs")
    }

    public func jobCounts() async throws -> [JobState: Int] {
        throw PostgresStoreError.notImplemented("JobQueue.jobCounts")
    }
}
