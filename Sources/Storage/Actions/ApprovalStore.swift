import Foundation

/// The approval queue's storage: proposals, their decisions and their execution, each state change
/// written together with its audit row in one transaction (a change without its audit row, or an
/// audit row without its change, can never be observed).
///
/// ```swift
/// let (p, created) = try await store.createProposal(draft, verdict: .requirePerson, rule: "discounts-need-a-person",
///                                                  audit: AuditEntryDraft(...), at: .now)
/// let approved = try await store.decideProposal(id: p.id, shopID: 1, .approve, by: "user:ana", reason: "ok",
///                                               audit: AuditEntryDraft(...), at: .now)
/// if let (p, lease) = try await store.claimExecution(shopID: nil, now: .now, leaseSeconds: 60) { … }
/// ```
public protocol ApprovalStore: Sendable {
    /// Stores a proposal: `.autoApprove` stores it approved (decidedBy "policy:<rule>"), `.reject`
    /// rejected, `.requirePerson` pending. When `draft.dedupeKey` matches a pending, approved or
    /// executing proposal of the shop, returns that one with `created == false` and writes nothing.
    /// `audit` is appended in the same transaction (its `proposalID` is filled in).
    func createProposal(_ draft: ProposalDraft, verdict: PolicyVerdict, rule: String, audit: AuditEntryDraft, at: Date) async throws
        -> (proposal: ActionProposal, created: Bool)
    /// Applies a decision to a pending proposal and appends `audit`. Throws
    /// `StorageError.unknownProposal` or `StorageError.proposalNotPending` (nothing written).
    func decideProposal(id: Int64, shopID: Int64, _ decision: ProposalDecision, by: String, reason: String?, audit: AuditEntryDraft,
                        at: Date) async throws -> ActionProposal
    /// Pending proposals whose `expiresAt` has passed, oldest first (for the expiry sweep).
    func expiredPendingProposals(now: Date, limit: Int) async throws -> [ActionProposal]
    /// Leases the oldest due execution (approved with `nextAttemptAt` nil or due, or executing with an
    /// expired lease), of one shop or any, counting an attempt; nil when none is due.
    func claimExecution(shopID: Int64?, now: Date, leaseSeconds: Double) async throws -> (ActionProposal, ExecutionLease)?
    /// Leases one proposal's execution when it is due (approve-then-run-now); nil otherwise.
    func claimExecution(proposalID: Int64, now: Date, leaseSeconds: Double) async throws -> (ActionProposal, ExecutionLease)?
    /// Marks it executed with the outcome and appends `audit`; false (nothing written) when the lease is no longer held.
    func completeExecution(_ lease: ExecutionLease, outcome: String, audit: AuditEntryDraft, at: Date) async throws -> Bool
    /// Records a failed attempt and appends `audit`: approved again with `nextAttemptAt = retryAt`
    /// when given, else failed. Nil (nothing written) when the lease is no longer held.
    func failExecution(_ lease: ExecutionLease, error: String, retryAt: Date?, audit: AuditEntryDraft, at: Date) async throws -> ActionProposal?
    func proposal(id: Int64, shopID: Int64) async throws -> ActionProposal?
    /// Proposals of a shop, newest first.
    func proposals(shopID: Int64, query: ProposalQuery) async throws -> (rows: [ActionProposal], total: Int)
    func proposalCounts(shopID: Int64) async throws -> [ProposalStatus: Int]
}
