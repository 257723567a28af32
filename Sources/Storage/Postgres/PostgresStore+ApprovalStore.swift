import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: ApprovalStore {
    public func createProposal(_ draft: ProposalDraft, verdict: PolicyVerdict, rule: String, audit: AuditEntryDraft, at: Date) async throws
        -> (proposal: ActionProposal, created: Bool) {
        throw PostgresStoreError.notImplemented("ApprovalStore.createProposal")
    }

    public func decideProposal(id: Int64, shopID: Int64, _ decision: ProposalDecision, by: String, reason: String?, audit: AuditEntryDraft, at: Date) async throws -> ActionProposal {
        throw PostgresStoreError.notImplemented("ApprovalStore.decideProposal")
    }

    public func expiredPendingProposals(now: Date, limit: Int) async throws -> [ActionProposal] {
        throw PostgresStoreError.notImplemented("ApprovalStore.expiredPendingProposals")
    }

    public func claimExecution(shopID: Int64?, now: Date, leaseSeconds: Double) async throws -> (ActionProposal, ExecutionLease)? {
        throw PostgresStoreError.notImplemented("ApprovalStore.claimExecution")
    }

    public func claimExecution(proposalID: Int64, now: Date, leaseSeconds: Double) async throws -> (ActionProposal, ExecutionLease)? {
        throw PostgresStoreError.notImplemented("ApprovalStore.claimExecution")
    }

    public func completeExecution(_ lease: ExecutionLease, outcome: String, audit: AuditEntryDraft, at: Date) async throws -> Bool {
        throw PostgresStoreError.notImplemented("ApprovalStore.completeExecution")
    }

    public func failExecution(_ lease: ExecutionLease, error: String, retryAt: Date?, audit: AuditEntryDraft, at: Date) async throws -> ActionProposal? {
        throw PostgresStoreError.notImplemented("ApprovalStore.failExecution")
    }

    public func proposal(id: Int64, shopID: Int64) async throws -> ActionProposal? {
        throw PostgresStoreError.notImplemented("ApprovalStore.proposal")
    }

    public func proposals(shopID: Int64, query: ProposalQuery) async throws -> (rows: [ActionProposal], total: Int) {
        throw PostgresStoreError.notImplemented("ApprovalStore.proposals")
    }

    public func proposalCounts(shopID: Int64) async throws -> [ProposalStatus: Int] {
        throw PostgresStoreError.notImplemented("ApprovalStore.proposalCounts")
    }
}
