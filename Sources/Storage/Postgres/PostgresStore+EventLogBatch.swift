import Commerce
import Foundation
import PostgresNIO

/// The first (savepoint-free) pass of `ingest`: event rows go in by runs, one multi-row INSERT per
/// run instead of one round trip per event, then each event of the run is projected in order.
extension PostgresStore {
    /// The most events one INSERT carries: 9 binds each, far under the protocol's 65,535.
    static let eventInsertRun = 1_000

    /// Appends and projects `events` on `connection` (whose transaction holds the shops' ingest
    /// locks), with the outcomes the one-event-at-a-time path gives.
    ///
    /// Why runs and not the whole batch: two projections read the log itself — a product replays
    /// the stock reports logged before its variants (`backfillStock`) and customers/redact scrubs
    /// the logged bodies of the customer. Such an event must see exactly the events before it, so
    /// it closes its run: a run's rows are inserted together, and its only log-reading event is the
    /// last one, projected when no later event is in the log yet. Every other projection ignores
    /// the `events` table, so inserting its row early changes nothing. Identity values are taken in
    /// VALUES order, so sequences still follow arrival order; `ON CONFLICT DO NOTHING` skips a
    /// repeat of a key within the same statement as it does a stored one (the first one wins).
    func appendAndProject(_ events: [IncomingEvent], _ connection: PostgresConnection) async throws -> [IngestOutcome] {
        var contexts: [Int64: ShopContext] = [:]
        for shop in Set(events.map(\.shopID)).sorted() {
            contexts[shop] = try await ShopContext.load(connection, shopID: shop, logger: logger)
        }
        var outcomes: [IngestOutcome] = []
        outcomes.reserveCapacity(events.count)
        var start = events.startIndex
        while start < events.endIndex {
            var end = start
            while end < events.endIndex, end - start < Self.eventInsertRun {
                end += 1
                if events[end - 1].payload.readsEventLog { break }
            }
            let run = events[start..<end]
            var sequences = try await insertEvents(run.filter { $0.payload.isLogged && contexts[$0.shopID] != nil }, connection)
            for event in run {
                guard event.payload.isLogged else {
                    outcomes.append(.failed(reason: "shop/redact is not logged: call deleteShopData(shopID:) instead"))
                    continue
                }
                guard let context = contexts[event.shopID] else {
                    outcomes.append(.failed(reason: "unknown shop id \(event.shopID)"))
                    continue
                }
                guard let sequence = sequences.removeValue(forKey: EventKey(event)) else {
                    outcomes.append(.duplicate)
                    continue
                }
                let applied = try await PostgresProjector(connection: connection, logger: logger, shopID: event.shopID, context: context)
                    .apply(event.payload, receivedAt: event.receivedAt)
                outcomes.append(.stored(sequence: sequence, applied: applied))
            }
            start = end
        }
        return outcomes
    }

    /// The dedupe key of the log: (shop, webhook id, topic).
    struct EventKey: Hashable {
        let shopID: Int64
        let webhookID: String
        let topic: String

        init(_ event: IncomingEvent) {
            (shopID, webhookID, topic) = (event.shopID, event.webhookID, event.topic.rawValue)
        }

        init(shopID: Int64, webhookID: String, topic: String) {
            (self.shopID, self.webhookID, self.topic) = (shopID, webhookID, topic)
        }
    }

    /// Inserts the rows of `events` in one statement; the sequence of each row actually inserted,
    /// by key (a key already stored, or repeated earlier in `events`, is absent: a duplicate).
    private func insertEvents(_ events: [IncomingEvent], _ connection: PostgresConnection) async throws -> [EventKey: Int64] {
        guard !events.isEmpty else { return [:] }
        let columns = 9
        var binds = PostgresBindings(capacity: events.count * columns)
        var tuples: [String] = []
        tuples.reserveCapacity(events.count)
        for event in events {
            let (resourceID, customerID) = event.payload.logKeys
            var body = event.body
            if case .customersRedact = event.payload {
                body = scrubPersonalData(body)  // it names the very customer to forget
            }
            let base = binds.count
            tuples.append("(" + (1...columns).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
            binds.append(event.shopID); binds.append(event.topic.rawValue); binds.append(event.webhookID)
            binds.append(event.source.rawValue); binds.append(event.apiVersion); binds.append(resourceID)
            binds.append(customerID); binds.append(event.receivedAt.storageMilliseconds); try binds.append(body)
        }
        let inserted = try await connection.rows(PostgresQuery(unsafeSQL: """
            INSERT INTO events (shop_id, topic, webhook_id, source, api_version, resource_id, customer_id, received_at, body)
            VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT (shop_id, webhook_id, topic) DO NOTHING
            RETURNING sequence, shop_id, webhook_id, topic
            """, binds: binds), logger: logger)
        var sequences: [EventKey: Int64] = [:]
        sequences.reserveCapacity(inserted.count)
        for row in inserted {
            let (sequence, shop, webhookID, topic) = try row.decode((Int64, Int64, String, String).self)
            sequences[EventKey(shopID: shop, webhookID: webhookID, topic: topic)] = sequence
        }
        return sequences
    }
}

extension WebhookPayload {
    /// shop/redact is refused by `ingest`, never logged.
    var isLogged: Bool {
        if case .shopRedact = self { false } else { true }
    }

    /// Whether projecting this payload reads the `events` table (see `appendAndProject`).
    var readsEventLog: Bool {
        switch self {
        case .product, .customersRedact: true
        default: false
        }
    }
}
