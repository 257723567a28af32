import Commerce
import Foundation

/// Where an event came from.
public enum EventSource: String, Sendable, Codable, Hashable {
    case webhook
    case csvImport = "csv_import"
    case jsonlImport = "jsonl_import"
    /// Read from the Admin API by `storewise backfill` (bulk operations), re-encoded in the webhook shape.
    case backfill = "backfill"
}

/// One accepted, verified and decoded event on its way into the event log.
public struct IncomingEvent: Sendable, Hashable {
    public var shopID: Int64
    public var topic: WebhookTopic
    /// The dedupe key within the shop and topic: `X-Shopify-Webhook-Id`, or an import row's natural key.
    public var webhookID: String
    /// The raw body exactly as received (what the HMAC covered).
    public var body: Data
    /// What Storewise understood of `body`.
    public var payload: WebhookPayload
    public var receivedAt: Date
    public var source: EventSource
    /// `X-Shopify-API-Version`, when sent.
    public var apiVersion: String?

    public init(
        shopID: Int64, topic: WebhookTopic, webhookID: String, body: Data, payload: WebhookPayload,
        receivedAt: Date, source: EventSource, apiVersion: String? = nil
    ) {
        self.shopID = shopID; self.topic = topic; self.webhookID = webhookID; self.body = body
        self.payload = payload; self.receivedAt = receivedAt; self.source = source; self.apiVersion = apiVersion
    }
}

/// What happened to one event handed to `EventLog.ingest`.
public enum IngestOutcome: Sendable, Hashable {
    /// Appended to the log at `sequence`. `applied` is false when projections already held a newer
    /// `updated_at` for the same resource (an out-of-order delivery): kept, but it changed nothing.
    case stored(sequence: Int64, applied: Bool)
    /// The same shop + topic + webhook id was stored before: nothing written.
    case duplicate
    /// The event could not be stored; nothing of it was written. The reason names what was wrong.
    case failed(reason: String)
}

/// An event as kept in the log.
public struct StoredEvent: Sendable, Hashable {
    public var sequence: Int64
    public var shopID: Int64
    public var topic: String
    public var webhookID: String
    public var body: Data
    public var receivedAt: Date
    public var source: EventSource

    public init(sequence: Int64, shopID: Int64, topic: String, webhookID: String, body: Data, receivedAt: Date, source: EventSource) {
        self.sequence = sequence; self.shopID = shopID; self.topic = topic; self.webhookID = webhookID
        self.body = body; self.receivedAt = receivedAt; self.source = source
    }
}
