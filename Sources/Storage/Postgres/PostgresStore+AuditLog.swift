import Commerce
import Foundation
import PostgresNIO

// Placeholder conformance: every requirement throws until this protocol is ported to PostgreSQL.
extension PostgresStore: AuditLog {
    @discardableResult
    public func appendAudit(_ entry: AuditEntryDraft) async throws -> AuditEntry {
        throw PostgresStoreError.notImplemented("AuditLog.appendAudit")
    }

    public func auditEntries(shopID: Int64, after: Int64, limit: Int, proposalID: Int64?) async throws -> [AuditEntry] {
        throw PostgresStoreError.notImplemented("AuditLog.auditEntries")
    }

    public func verifyAudit(shopID: Int64) async throws -> AuditVerification {
        throw PostgresStoreError.notImplemented("AuditLog.verifyAudit")
    }
}
