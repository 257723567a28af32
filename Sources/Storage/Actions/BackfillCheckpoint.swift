import Foundation

/// Where one resource's backfill of one shop stands, so a killed `storewise backfill` resumes.
public struct BackfillCheckpoint: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not started.
        case pending
        /// The bulk operation runs at Shopify (`bulkOperationID` set).
        case running
        /// The bulk output is being read and ingested (`linesDone` lines so far).
        case ingesting
        case completed
        case failed
    }

    public var shopID: Int64
    /// "products", "customers", "locations", "orders" …
    public var resource: String
    public var status: Status
    public var bulkOperationID: String?
    /// JSONL lines and root objects ingested so far (resume skips that many lines).
    public var linesDone: Int
    public var rootsDone: Int
    /// Shopify's objectCount / rootObjectCount once known.
    public var objectCount: Int?
    public var rootObjectCount: Int?
    public var lastError: String?
    public var startedAt: Date
    public var updatedAt: Date
    public var completedAt: Date?

    public init(shopID: Int64, resource: String, status: Status, bulkOperationID: String? = nil, linesDone: Int = 0,
                rootsDone: Int = 0, objectCount: Int? = nil, rootObjectCount: Int? = nil, lastError: String? = nil,
                startedAt: Date, updatedAt: Date, completedAt: Date? = nil) {
        self.shopID = shopID; self.resource = resource; self.status = status; self.bulkOperationID = bulkOperationID
        self.linesDone = linesDone; self.rootsDone = rootsDone; self.objectCount = objectCount
        self.rootObjectCount = rootObjectCount; self.lastError = lastError; self.startedAt = startedAt
        self.updatedAt = updatedAt; self.completedAt = completedAt
    }
}

/// Backfill progress per shop × resource.
public protocol BackfillStore: Sendable {
    func backfillCheckpoints(shopID: Int64) async throws -> [BackfillCheckpoint]
    /// Inserts or replaces the checkpoint of `shopID` × `resource`.
    func saveBackfillCheckpoint(_ checkpoint: BackfillCheckpoint) async throws
    /// Forgets a shop's backfill (`storewise backfill --restart`).
    func clearBackfill(shopID: Int64) async throws
}
