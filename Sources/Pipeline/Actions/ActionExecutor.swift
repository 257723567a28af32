import Foundation
import Logging
import ServiceLifecycle
import ShopifyAdmin
import Storage

/// Carries out approved proposals: claims one (a lease, so two executors never run the same one),
/// runs it by type, and records the outcome with its audit row.
///
/// Failures: Shopify's `userErrors`, GraphQL errors and bad payloads are permanent (failed, not
/// retried); transport errors, exhausted retries and HTTP 5xx are retried with backoff up to
/// `maxAttempts`. Retrying is safe: `tagsAdd` and `metafieldsSet` are idempotent at Shopify, and
/// before re-sending a non-idempotent mutation (risk assessment, draft order, discount code) on an
/// attempt after the first, the executor first probes whether the earlier attempt was applied
/// (its response may have been lost) and completes without sending when it was.
///
/// ```swift
/// let executor = ActionExecutor(store: store, clients: provider, outbox: URL(filePath: "data/outbox"))
/// let ran = try await executor.executeDue()
/// ```
public struct ActionExecutor: Sendable {
    public let store: any ActionStore
    public let clients: any AdminClientProvider
    /// Purchase orders and undelivered messages are written under `<outbox>/shop-<id>/`.
    public let outbox: URL
    public let options: ActionExecutorOptions
    let logger: Logger

    public init(store: any ActionStore, clients: any AdminClientProvider, outbox: URL, options: ActionExecutorOptions = ActionExecutorOptions(),
                logger: Logger = Logger(label: "storewise.actions")) {
        self.store = store; self.clients = clients; self.outbox = outbox; self.options = options; self.logger = logger
    }

    /// Runs every due execution (up to `options.batch`); returns how many ran (succeeded or failed).
    public func executeDue(now: Date = Date()) async throws -> Int {
        var ran = 0
        while ran < options.batch, !Task.isCancelled, !Task.isShuttingDownGracefully {
            guard let (proposal, lease) = try await store.claimExecution(shopID: nil, now: now, leaseSeconds: options.leaseSeconds) else { break }
            _ = try await run(proposal, lease: lease, now: now)
            ran += 1
        }
        return ran
    }

    /// Runs one proposal now when it is due (just approved, or its retry time has come); nil when
    /// it is not due (pending, executing under someone else's lease, done).
    public func execute(proposalID: Int64, now: Date = Date()) async throws -> ActionProposal? {
        guard let (proposal, lease) = try await store.claimExecution(proposalID: proposalID, now: now, leaseSeconds: options.leaseSeconds) else {
            return nil
        }
        return try await run(proposal, lease: lease, now: now)
    }

    /// Runs a claimed proposal and records the result; returns the proposal as stored afterwards.
    /// Times (audit rows, the retry time) are `now`, the pass's clock, so an injected clock stays consistent.
    func run(_ proposal: ActionProposal, lease: ExecutionLease, now: Date) async throws -> ActionProposal? {
        let shopID = proposal.draft.shopID
        // Attempts that never finished (crashes, lost leases) count too: a proposal that kills its
        // executor every time must stop being retried.
        if lease.attempt > options.maxAttempts {
            let error = ActionError.delivery("gave up: \(lease.attempt - 1) attempts did not finish (crashed or lost their lease)")
            return try await recordFailure(proposal, lease: lease, error: error, now: now)
        }
        let outcome: JSONValue
        do {
            outcome = try await perform(proposal, lease: lease, now: now)
        } catch {
            // Shutting down mid-action: record nothing. The lease runs out and the next executor takes
            // it over as a later attempt, which probes before sending again.
            if error is CancellationError || Task.isCancelled { throw error }
            return try await recordFailure(proposal, lease: lease, error: error, now: now)
        }
        let text = outcome.canonicalString()
        var audit = auditRow(proposal, action: "execution.succeeded", at: now)
        audit.outcome = text
        guard try await store.completeExecution(lease, outcome: text, audit: audit, at: now) else {
            logger.warning("execution finished after its lease was taken over", metadata: ["proposal": "\(proposal.id)"])
            return try await store.proposal(id: proposal.id, shopID: shopID)
        }
        logger.info("action executed", metadata: ["proposal": "\(proposal.id)", "type": "\(proposal.draft.actionType)",
                                                  "attempt": "\(lease.attempt)"])
        return try await store.proposal(id: proposal.id, shopID: shopID)
    }

    /// Records a failed attempt: retried later (backoff) when the error may pass and attempts remain, failed otherwise.
    func recordFailure(_ proposal: ActionProposal, lease: ExecutionLease, error: any Error, now: Date) async throws -> ActionProposal? {
        let message = Self.message(for: error)
        let retryable = Self.isRetryable(error) && lease.attempt < options.maxAttempts
        let retryAt = retryable ? options.backoff.retryAt(attempt: lease.attempt, now: now) : nil
        var audit = auditRow(proposal, action: "execution.failed", at: now)
        audit.outcome = "error: " + message
        audit.reason = retryAt.map { "attempt \(lease.attempt) failed; retry at \(ApprovalService.iso($0))" }
            ?? "attempt \(lease.attempt) failed; not retried"
        let stored = try await store.failExecution(lease, error: message, retryAt: retryAt, audit: audit, at: now)
        logger.warning("action failed", metadata: ["proposal": "\(proposal.id)", "type": "\(proposal.draft.actionType)",
                                                   "attempt": "\(lease.attempt)", "retry": "\(retryAt != nil)", "error": "\(message)"])
        return stored
    }

    /// Carries out the action; returns the outcome (remote ids, file paths).
    func perform(_ proposal: ActionProposal, lease: ExecutionLease, now: Date) async throws -> JSONValue {
        guard let type = ActionType(rawValue: proposal.draft.actionType) else { throw ActionError.unknownActionType(proposal.draft.actionType) }
        let raw: JSONValue
        do {
            raw = try JSONValue.parse(Data(proposal.effectivePayload.utf8))
        } catch {
            throw ActionError.invalidPayload(field: "payload", reason: "stored payload is not JSON")
        }
        // Re-validated: the stored text is what a person approved, but the rules may have tightened since.
        let payload = try ActionPayload.normalise(raw, type: type)
        switch type {
        case .purchaseOrder: return try exportPurchaseOrder(proposal, payload: payload)
        case .message: return try await sendMessage(proposal, payload: payload)
        default:
            let client = try await clients.client(shopID: proposal.draft.shopID)
            return try await performShopify(type, proposal: proposal, payload: payload, lease: lease, client: client)
        }
    }

    func auditRow(_ proposal: ActionProposal, action: String, at: Date) -> AuditEntryDraft {
        AuditEntryDraft(
            shopID: proposal.draft.shopID, at: at, actorType: .system, actorID: "executor", action: action,
            targetType: proposal.draft.targetType, targetID: proposal.draft.targetID, proposalID: proposal.id,
            modelKind: proposal.draft.modelKind, modelVersion: proposal.draft.modelVersion, source: "executor",
            payloadHash: proposal.effectivePayloadHash)
    }

    /// Transport trouble and server errors may pass; refusals and bad input will not.
    static func isRetryable(_ error: any Error) -> Bool {
        switch error {
        case let error as AdminError:
            switch error {
            case .transport, .retriesExhausted: return true
            case .http(_, let status, _): return status >= 500 || status == 429
            case .userErrors, .graphQL, .queryTooExpensive, .invalidResponse, .bulkOperationFailed: return false
            }
        case let error as ActionError:
            switch error {
            case .delivery, .noAdminClient: return true
            case .invalidPayload, .invalidPolicy, .reasonRequired, .unknownActionType: return false
            }
        case is CocoaError: return true
        default: return false
        }
    }

    static func message(for error: any Error) -> String {
        String(describing: error)
    }
}
