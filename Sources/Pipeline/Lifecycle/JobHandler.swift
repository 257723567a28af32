import Foundation
import Storage

/// Runs one type of queued job for the `JobWorker`. Handlers must be idempotent with respect to
/// the job id: a job whose worker died is leased again and run again from the start.
public protocol JobHandler: Sendable {
    /// The `JobDraft.type` it runs ("train", "monitor").
    var type: String { get }
    /// Runs the job and returns its result as JSON text. Throwing `JobFailure.permanent` dead-letters
    /// the job at once; any other error is retried with backoff while attempts remain.
    func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String
}

/// An error that retrying cannot fix (bad payload, unknown kind): the job goes dead at once.
public struct JobFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public var permanent: Bool

    public init(_ description: String, permanent: Bool) {
        self.description = description; self.permanent = permanent
    }
}
