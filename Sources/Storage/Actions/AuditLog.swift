import Foundation

/// The append-only, hash-chained audit trail, one chain per shop. The store also keeps the chain's
/// head (last sequence and hash) in a separate row updated in the same transaction, so deleting the
/// newest rows is detected too.
public protocol AuditLog: Sendable {
    /// Appends one row to the shop's chain (for events that are not proposal state changes:
    /// model promotions, installs, backfills …).
    @discardableResult
    func appendAudit(_ entry: AuditEntryDraft) async throws -> AuditEntry
    /// Rows of a shop in sequence order after `after`, filtered by proposal when given.
    func auditEntries(shopID: Int64, after: Int64, limit: Int, proposalID: Int64?) async throws -> [AuditEntry]
    /// Recomputes the shop's chain from its first row and compares links, hashes and the head.
    func verifyAudit(shopID: Int64) async throws -> AuditVerification
}
