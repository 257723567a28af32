/// A bulk operation as `bulkOperation(id:)` reports it.
public struct BulkOperationStatus: Sendable, Hashable, Codable {
    public var id: String
    /// CREATED, RUNNING, COMPLETED, CANCELING, CANCELED, FAILED, EXPIRED.
    public var status: String
    /// ACCESS_DENIED, INTERNAL_SERVER_ERROR, TIMEOUT, or nil.
    public var errorCode: String?
    /// Objects written so far (Shopify sends `UnsignedInt64` as a string).
    public var objectCount: Int
    public var rootObjectCount: Int
    /// Bytes of the JSONL file once completed.
    public var fileSize: Int?
    /// The signed download address of the JSONL (valid for about a week), once completed.
    public var url: String?
    /// What was written before a FAILED operation stopped.
    public var partialDataUrl: String?

    public init(id: String, status: String, errorCode: String? = nil, objectCount: Int = 0, rootObjectCount: Int = 0,
                fileSize: Int? = nil, url: String? = nil, partialDataUrl: String? = nil) {
        self.id = id; self.status = status; self.errorCode = errorCode; self.objectCount = objectCount
        self.rootObjectCount = rootObjectCount; self.fileSize = fileSize; self.url = url; self.partialDataUrl = partialDataUrl
    }

    /// Reads a `BulkOperation` object; nil when it is null.
    public init?(_ value: JSONValue) {
        guard let id = value["id"].string, let status = value["status"].string else { return nil }
        self.init(id: id, status: status, errorCode: value["errorCode"].string,
                  objectCount: value["objectCount"].int.map { Int($0) } ?? 0,
                  rootObjectCount: value["rootObjectCount"].int.map { Int($0) } ?? 0,
                  fileSize: value["fileSize"].int.map { Int($0) }, url: value["url"].string, partialDataUrl: value["partialDataUrl"].string)
    }

    /// COMPLETED, FAILED, CANCELED or EXPIRED: polling stops.
    public var isTerminal: Bool { ["COMPLETED", "FAILED", "CANCELED", "EXPIRED"].contains(status) }
    /// CREATED or RUNNING (or CANCELING): it still blocks another bulk query.
    public var isRunning: Bool { ["CREATED", "RUNNING", "CANCELING"].contains(status) }
}
