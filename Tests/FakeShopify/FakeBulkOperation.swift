import Foundation

/// A bulk operation run by `bulkOperationRunQuery`: CREATED → RUNNING → COMPLETED (or FAILED).
public struct FakeBulkOperation: Sendable, Hashable {
    public var id: Int64
    /// The inner query as sent.
    public var query: String
    /// `BulkOperationStatus`: CREATED, RUNNING, COMPLETED, FAILED …
    public var status: String
    public var errorCode: String?
    public var createdAt: Date
    public var completedAt: Date?
    /// Lines written (all objects) and root objects, once the file is written.
    public var objectCount: Int
    public var rootObjectCount: Int
    public var fileSize: Int?
    /// Where the JSONL is (on the fake's server), once COMPLETED.
    public var url: String?
    /// The file on disk.
    public var fileURL: URL?
    /// When the JSONL finished writing: the status runs from then at `bulkObjectsPerSecond`.
    var writtenAt: Date?
}
