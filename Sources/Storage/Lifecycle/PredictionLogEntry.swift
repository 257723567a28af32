import Foundation

/// One served (or shadow) prediction, sampled, so lift and accuracy can be measured later.
public struct PredictionLogEntry: Sendable, Hashable, Codable {
    public var shopID: Int64
    public var kind: String
    public var requestID: String
    /// The version that produced `output`.
    public var version: Int
    /// "champion", "canary" (the challenger, served) or "shadow" (the challenger, not returned).
    public var arm: String
    /// The routed subject: a keyed hash of the customer, or the series / product key.
    public var subject: String
    /// The prediction as JSON text.
    public var output: String
    public var latencyMicros: Int
    /// Seconds since 1970.
    public var at: Int64

    public init(shopID: Int64, kind: String, requestID: String, version: Int, arm: String, subject: String, output: String,
                latencyMicros: Int, at: Int64) {
        self.shopID = shopID; self.kind = kind; self.requestID = requestID; self.version = version; self.arm = arm
        self.subject = subject; self.output = output; self.latencyMicros = latencyMicros; self.at = at
    }
}

/// Counts of logged predictions per version and arm.
public struct PredictionCount: Sendable, Hashable, Codable {
    public var kind: String
    public var version: Int
    public var arm: String
    public var count: Int

    public init(kind: String, version: Int, arm: String, count: Int) {
        self.kind = kind; self.version = version; self.arm = arm; self.count = count
    }
}

/// The sampled prediction log.
public protocol PredictionLogStore: Sendable {
    /// Appends a batch in one transaction.
    func appendPredictions(_ entries: [PredictionLogEntry]) async throws
    /// Newest first, of one kind when given.
    func predictions(shopID: Int64, kind: String?, limit: Int) async throws -> [PredictionLogEntry]
    func predictionCounts(shopID: Int64) async throws -> [PredictionCount]
    /// Deletes entries older than `before` (seconds since 1970); returns how many.
    func prunePredictions(before: Int64) async throws -> Int
}
