import Storage

/// What the approval service and the executor need from storage: the queue and the audit trail
/// (the SQLite store is both, so every state change and its audit row commit together).
public typealias ActionStore = ApprovalStore & AuditLog
