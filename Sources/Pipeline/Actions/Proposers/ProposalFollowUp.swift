import Foundation
import Logging
import Storage

/// Wraps another job handler (the training runner) and, after one of its jobs succeeds, queues the
/// "propose" job that follows from it: a customer-value training (a new scoring) → win-back offers.
/// The propose job is durable and deduped per shop, so a retried training queues it once.
///
/// ```swift
/// let train = ProposalFollowUp(wrapping: TrainingRunner(...), jobs: store)
/// let worker = JobWorker(store: store, handlers: [train, ProposalJobHandler(...)], options: options)
/// ```
public struct ProposalFollowUp: JobHandler {
    /// Which proposer follows a successful job of a model kind.
    public static let proposers: [String: ProposalRequest.Proposer] = ["customer-value": .winBack]

    let inner: any JobHandler
    let jobs: any JobQueue
    let logger: Logger

    public init(wrapping inner: any JobHandler, jobs: any JobQueue, logger: Logger = Logger(label: "storewise.proposals")) {
        self.inner = inner; self.jobs = jobs; self.logger = logger
    }

    public var type: String { inner.type }

    public func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String {
        let result = try await inner.run(job, heartbeat: heartbeat)
        if let follow = Self.followUp(for: job) {
            do {
                _ = try await jobs.enqueueJob(follow, at: Date())
            } catch {
                // The training's result stands; the next scoring proposes again.
                logger.error("follow-up propose job not queued", metadata: ["job": "\(job.id)", "error": "\(String(reflecting: error))"])
            }
        }
        return result
    }

    /// The propose job that follows `job`, or nil (no shop, or a kind nothing follows).
    public static func followUp(for job: JobRecord, at: Date = Date()) -> JobDraft? {
        guard let shopID = job.draft.shopID,
              let kind = (try? JSONDecoder().decode(TrainingPayload.self, from: Data(job.draft.payload.utf8)))?.kind,
              let proposer = proposers[kind] else { return nil }
        return ProposalJobHandler.job(shopID: shopID, proposer: proposer, runAfter: at, requestedBy: "\(job.draft.type):\(job.id)")
    }
}
