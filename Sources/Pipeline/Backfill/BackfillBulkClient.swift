import Foundation
import ShopifyAdmin

/// A bulk operation as the backfill sees it.
public struct BackfillBulkOperation: Sendable, Hashable {
    /// `gid://shopify/BulkOperation/…`.
    public var id: String
    /// Shopify's `BulkOperationStatus`: CREATED, RUNNING, COMPLETED, CANCELING, CANCELED, FAILED, EXPIRED.
    public var status: String
    public var objectCount: Int
    public var rootObjectCount: Int?
    /// The JSONL's signed URL once COMPLETED; nil when the output is empty.
    public var url: URL?
    public var errorCode: String?

    public init(id: String, status: String, objectCount: Int = 0, rootObjectCount: Int? = nil, url: URL? = nil, errorCode: String? = nil) {
        self.id = id; self.status = status; self.objectCount = objectCount; self.rootObjectCount = rootObjectCount
        self.url = url; self.errorCode = errorCode
    }

    public var isFinished: Bool { ["COMPLETED", "CANCELED", "FAILED", "EXPIRED"].contains(status) }
}

/// What the backfill needs of the Admin API: start a bulk query, poll it, download its output.
///
/// `AdminBackfillClient` implements it over `AdminClient`; tests may substitute their own.
public protocol BackfillBulkClient: Sendable {
    /// `bulkOperationRunQuery` with the inner query.
    func startBulkQuery(_ query: GraphQLDocument) async throws -> BackfillBulkOperation
    /// `bulkOperation(id:)`; nil when Shopify no longer knows it.
    func bulkOperation(id: String) async throws -> BackfillBulkOperation?
    /// Streams the output at `url` into `file`.
    func download(_ url: URL, to file: URL) async throws
    /// The Admin client's counters so far.
    func statistics() async -> AdminClientStatistics
}
