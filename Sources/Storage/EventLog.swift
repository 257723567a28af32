import Commerce
import Foundation

/// The append-only, per-shop event log and the projections derived from it.
///
/// `ingest` is the one write path for webhooks, imports and replays: each event is appended and
/// applied to the projections all-or-nothing, and a batch shares one transaction (group commit)
/// so ingest stays fast while every event stays atomic.
public protocol EventLog: Sendable {
    /// Appends and projects each event; one outcome per event, in order. A failing event is rolled
    /// back alone (savepoint) and reported as `.failed`; the others of the batch still commit.
    func ingest(_ events: [IncomingEvent]) async throws -> [IngestOutcome]
    /// Number of events in the shop's log.
    func eventCount(shopID: Int64) async throws -> Int
    /// Events in arrival order with sequence greater than `after`.
    func events(shopID: Int64, after: Int64, limit: Int) async throws -> [StoredEvent]
    /// Whether the log holds this shop's delivery with that webhook id (any topic).
    func containsWebhook(shopID: Int64, webhookID: String) async throws -> Bool
    /// Drops the shop's projections and rebuilds them by replaying its log in order.
    /// `progress(done, total)` is called every few thousand events.
    func rebuildProjections(shopID: Int64, progress: @Sendable (Int, Int) -> Void) async throws
    /// A digest of every projection row of the shop, in a fixed order: equal digests mean equal projections.
    func projectionDigest(shopID: Int64) async throws -> String
    /// shop/redact: deletes the shop's events, projections and the shop row itself.
    func deleteShopData(shopID: Int64) async throws
}
