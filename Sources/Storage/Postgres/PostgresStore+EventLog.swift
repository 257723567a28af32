import Commerce
import Foundation
import Logging
import PostgresNIO

/// The event log on PostgreSQL: append and project in one transaction per batch (group commit),
/// with the SQLite store's outcomes, ordering and projections.
extension PostgresStore: EventLog {
    /// Appends and projects a batch in one transaction; each event is atomic and a failing event
    /// fails alone.
    ///
    /// As on SQLite, the batch first runs without per-event savepoints (a savepoint and its
    /// release are two more round trips per event), its event rows inserted by runs of one
    /// multi-row INSERT each. Should any event throw, that transaction is
    /// rolled back whole and the batch runs again with one savepoint per event, so the failing
    /// event is rolled back alone and reported `.failed`. Either way one transaction commits and
    /// the outcomes are the same. Sequences increase in arrival order within a shop but may have
    /// gaps (a duplicate or the rolled-back first attempt uses some up).
    ///
    /// ```swift
    /// let outcomes = try await store.ingest(batch)   // one outcome per event, in order
    /// ```
    public func ingest(_ events: [IncomingEvent]) async throws -> [IngestOutcome] {
        guard !events.isEmpty else { return [] }
        let shops = Set(events.map(\.shopID))
        var outcomes: [IngestOutcome]
        do {
            // Event rows by runs of one INSERT each (`appendAndProject`), saving a round trip per event.
            outcomes = try await transaction { connection in
                try await lockShops(shops, connection)
                return try await appendAndProject(events, connection)
            }
        } catch {
            outcomes = try await transaction { connection in
                try await lockShops(shops, connection)
                var contexts: [Int64: ShopContext?] = [:]
                var outcomes: [IngestOutcome] = []
                outcomes.reserveCapacity(events.count)
                for event in events {
                    try await connection.execute("SAVEPOINT ingest_event", logger: logger)
                    do {
                        outcomes.append(try await apply(event, connection, contexts: &contexts))
                        try await connection.execute("RELEASE SAVEPOINT ingest_event", logger: logger)
                    } catch {
                        try await connection.execute("ROLLBACK TO SAVEPOINT ingest_event", logger: logger)
                        outcomes.append(.failed(reason: Self.reason(error)))
                    }
                }
                return outcomes
            }
        }
        for (event, outcome) in zip(events, outcomes) {
            if case .failed(let reason) = outcome {
                logger.warning("event not stored", metadata: [
                    "shop_id": "\(event.shopID)", "topic": "\(event.topic.rawValue)",
                    "webhook_id": "\(event.webhookID)", "reason": "\(reason)",
                ])
            }
        }
        return outcomes
    }

    /// Takes the per-shop ingest lock of every shop, in ascending id order (so two batches that
    /// share shops never deadlock), until the transaction ends.
    ///
    /// Why: several replicas ingest into one database, and readers tail a shop's log by
    /// `sequence > cursor` (risk catch-up, recommendations, lifecycle ranges). Identity values are
    /// handed out at insert time, not at commit, so without this lock a batch holding a smaller
    /// sequence could commit after one holding a larger sequence, and a reader that had already
    /// moved its cursor past the larger one would never see the smaller. Under the lock a shop's
    /// events commit in sequence order. Replay and shop deletion take it too, so neither
    /// interleaves with an ingest of the same shop (nor do the projections' read-then-write steps).
    func lockShops(_ shops: Set<Int64>, _ connection: PostgresConnection) async throws {
        for shop in shops.sorted() {
            try await connection.execute("SELECT pg_advisory_xact_lock(\(shop))", logger: logger)
        }
    }

    /// Appends one event and applies it, with no savepoint of its own.
    private func apply(_ event: IncomingEvent, _ connection: PostgresConnection, contexts: inout [Int64: ShopContext?]) async throws -> IngestOutcome {
        if case .shopRedact = event.payload {
            return .failed(reason: "shop/redact is not logged: call deleteShopData(shopID:) instead")
        }
        let context: ShopContext?
        if let known = contexts[event.shopID] {
            context = known
        } else {
            context = try await ShopContext.load(connection, shopID: event.shopID, logger: logger)
            contexts[event.shopID] = .some(context)
        }
        // SQLite's foreign key refuses the row; here the shop's absence is known already, and
        // nothing has been written for this event.
        guard let context else { return .failed(reason: "unknown shop id \(event.shopID)") }
        guard let sequence = try await insertEvent(event, connection) else { return .duplicate }
        let applied = try await PostgresProjector(connection: connection, logger: logger, shopID: event.shopID, context: context)
            .apply(event.payload, receivedAt: event.receivedAt)
        return .stored(sequence: sequence, applied: applied)
    }

    /// Inserts the event row; nil when the dedupe key (shop, webhook id, topic) is already there.
    private func insertEvent(_ event: IncomingEvent, _ connection: PostgresConnection) async throws -> Int64? {
        let (resourceID, customerID) = event.payload.logKeys
        var body = event.body
        if case .customersRedact = event.payload {
            body = scrubPersonalData(body)  // it names the very customer to forget
        }
        return try await connection.scalar("""
            INSERT INTO events (shop_id, topic, webhook_id, source, api_version, resource_id, customer_id, received_at, body)
            VALUES (\(event.shopID), \(event.topic.rawValue), \(event.webhookID), \(event.source.rawValue), \(event.apiVersion),
                \(resourceID), \(customerID), \(event.receivedAt.storageMilliseconds), \(body))
            ON CONFLICT (shop_id, webhook_id, topic) DO NOTHING
            RETURNING sequence
            """, logger: logger)
    }

    /// What a failed event's outcome says: the server's SQLSTATE and message, not postgres-nio's
    /// generic description (which hides them).
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError, let state = error.sqlState {
            return "PostgreSQL error \(state): \(error.serverInfo?[.message] ?? "unknown")"
        }
        return String(describing: error)
    }

    public func eventCount(shopID: Int64) async throws -> Int {
        Int(try await scalar("SELECT count(*) FROM events WHERE shop_id = \(shopID)") ?? 0)
    }

    public func events(shopID: Int64, after: Int64, limit: Int) async throws -> [StoredEvent] {
        try await rows("""
            SELECT sequence, shop_id, topic, webhook_id, body, received_at, source FROM events
            WHERE shop_id = \(shopID) AND sequence > \(after) ORDER BY sequence LIMIT \(Int64(limit))
            """).map { row in
            let (sequence, shop, topic, webhookID, body, receivedAt, source) =
                try row.decode((Int64, Int64, String, String, Data, Int64, String).self)
            return StoredEvent(sequence: sequence, shopID: shop, topic: topic, webhookID: webhookID, body: body,
                               receivedAt: Date(storageMilliseconds: receivedAt), source: EventSource(rawValue: source) ?? .webhook)
        }
    }

    public func containsWebhook(shopID: Int64, webhookID: String) async throws -> Bool {
        try await rows("SELECT EXISTS (SELECT 1 FROM events WHERE shop_id = \(shopID) AND webhook_id = \(webhookID))")
            .first?.decode(Bool.self) ?? false
    }

    /// shop/redact: every row of the shop, in every table, then the shop row, in one transaction
    /// (the same tables, in the same order, as SQLite; the rest cascades from `shops`).
    public func deleteShopData(shopID: Int64) async throws {
        try await transaction { connection in
            // The ingest lock: no batch of this shop commits between these deletes.
            try await lockShops([shopID], connection)
            try await deleteProjections(shopID: shopID, connection)
            try await connection.execute("DELETE FROM events WHERE shop_id = \(shopID)", logger: logger)
            for table in ["action_proposals", "audit_log", "audit_heads", "shop_credentials", "backfill_checkpoints"] {
                try await connection.execute("DELETE FROM \(unescaped: table) WHERE shop_id = \(shopID)", logger: logger)
            }
            try await connection.execute("""
                DELETE FROM oauth_states WHERE shop_domain = (SELECT domain FROM shops WHERE id = \(shopID))
                """, logger: logger)
            try await connection.execute("DELETE FROM shops WHERE id = \(shopID)", logger: logger)
        }
    }

    func deleteProjections(shopID: Int64, _ connection: PostgresConnection) async throws {
        for table in SQLiteMigrations.projectionTables {
            try await connection.execute("DELETE FROM \(unescaped: table.name) WHERE shop_id = \(shopID)", logger: logger)
        }
    }
}

extension ShopContext {
    /// Loads the shop's time zone, currency and online location; nil when the shop does not exist.
    static func load(_ connection: PostgresConnection, shopID: Int64, logger: Logger) async throws -> ShopContext? {
        guard let row = try await connection.rows("""
            SELECT time_zone, currency, online_location_id FROM shops WHERE id = \(shopID)
            """, logger: logger).first else { return nil }
        let (zone, currency, online) = try row.decode((String, String, Int64?).self)
        return ShopContext(calendar: ShopCalendar(timeZoneIdentifier: zone), currency: currency,
                           onlineLocationID: online ?? Location.onlineID)
    }
}
