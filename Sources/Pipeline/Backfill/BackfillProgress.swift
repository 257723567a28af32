import Foundation
import ShopifyAdmin

/// Where a running backfill stands, for the progress line and logs.
public struct BackfillProgress: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable {
        /// Shopify is running the bulk query (`objectCount` grows).
        case bulkRunning = "bulk running"
        case downloading
        case ingesting
        case completed
    }

    public var resource: BackfillResource
    public var phase: Phase
    /// Shopify's objectCount / rootObjectCount (lines and top-level objects of the output).
    public var objectCount: Int
    public var rootObjectCount: Int?
    /// Lines and root objects ingested so far (including those of an earlier, interrupted run).
    public var linesDone: Int
    public var rootsDone: Int
    /// Outcomes of this run's events.
    public var stored: Int
    public var duplicates: Int
    public var failed: Int
    /// Root objects ingested per second in this run.
    public var rate: Double
    public var elapsedSeconds: Double
    /// The Admin client's counters (requests, throttled responses, paced seconds).
    public var client: AdminClientStatistics

    public init(resource: BackfillResource, phase: Phase, objectCount: Int = 0, rootObjectCount: Int? = nil, linesDone: Int = 0,
                rootsDone: Int = 0, stored: Int = 0, duplicates: Int = 0, failed: Int = 0, rate: Double = 0,
                elapsedSeconds: Double = 0, client: AdminClientStatistics = AdminClientStatistics()) {
        self.resource = resource; self.phase = phase; self.objectCount = objectCount; self.rootObjectCount = rootObjectCount
        self.linesDone = linesDone; self.rootsDone = rootsDone; self.stored = stored; self.duplicates = duplicates
        self.failed = failed; self.rate = rate; self.elapsedSeconds = elapsedSeconds; self.client = client
    }
}

/// What one resource's backfill did in this run.
public struct BackfillResourceSummary: Sendable, Hashable {
    public var resource: BackfillResource
    /// Root objects in the bulk output (orders, products, customers, locations).
    public var objects: Int
    /// Events this run: stored, already in the log, rejected (decode or ingest), and the first reasons.
    public var stored: Int
    public var duplicates: Int
    public var failed: Int
    public var failures: [String]
    public var seconds: Double
    /// Throttled responses and paced seconds of the Admin client during this resource.
    public var throttledResponses: Int
    public var pacedSeconds: Double
    /// True when an earlier run had completed it (nothing was read).
    public var alreadyComplete: Bool

    public init(resource: BackfillResource, objects: Int = 0, stored: Int = 0, duplicates: Int = 0, failed: Int = 0,
                failures: [String] = [], seconds: Double = 0, throttledResponses: Int = 0, pacedSeconds: Double = 0,
                alreadyComplete: Bool = false) {
        self.resource = resource; self.objects = objects; self.stored = stored; self.duplicates = duplicates
        self.failed = failed; self.failures = failures; self.seconds = seconds; self.throttledResponses = throttledResponses
        self.pacedSeconds = pacedSeconds; self.alreadyComplete = alreadyComplete
    }
}
