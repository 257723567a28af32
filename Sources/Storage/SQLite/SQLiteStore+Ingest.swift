import Commerce
import Foundation
import GRDB

extension SQLiteStore: EventLog {
    /// Appends and projects a batch in one write transaction (group commit); each event is
    /// atomic and a failing event fails alone.
    ///
    /// The batch first runs without per-event savepoints: a savepoint makes SQLite journal every
    /// page an event touches, which costs more than the event itself. Should any event fail, that
    /// transaction is rolled back whole and the batch runs again with one savepoint per event, so
    /// the failing event is rolled back alone and reported `.failed`. Either way exactly one
    /// transaction commits, and the outcomes are the same. Sequences increase in arrival order
    /// but may have gaps (a duplicate can use one up).
    ///
    /// ```swift
    /// let outcomes = try await store.ingest(batch)   // one outcome per event, in order
    /// ```
    public func ingest(_ events: [IncomingEvent]) async throws -> [IngestOutcome] {
        guard !events.isEmpty else { return [] }
        let logger = self.logger
        return try await writer.writeWithoutTransaction { db in
            var outcomes: [IngestOutcome] = []
            do {
                try db.inTransaction(.immediate) {
                    outcomes = try Self.ingestAll(db, events)
                    return .commit
                }
            } catch {
                if db.isInsideTransaction { try db.rollback() }
                try db.inTransaction(.immediate) {
                    var contexts: [Int64: ShopContext] = [:]
                    outcomes = events.map { Self.ingestOne(db, $0, contexts: &contexts) }
                    return .commit
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
    }

    /// The fast path: every event without a savepoint; throws at the first failing event.
    static func ingestAll(_ db: Database, _ events: [IncomingEvent]) throws -> [IngestOutcome] {
        var contexts: [Int64: ShopContext] = [:]
        var outcomes: [IngestOutcome] = []
        outcomes.reserveCapacity(events.count)
        for event in events {
            outcomes.append(try apply(db, event, contexts: &contexts))
        }
        return outcomes
    }

    /// Appends one event and applies it, with no savepoint of its own.
    static func apply(_ db: Database, _ event: IncomingEvent, contexts: inout [Int64: ShopContext]) throws -> IngestOutcome {
        if case .shopRedact = event.payload {
            return .failed(reason: "shop/redact is not logged: call deleteShopData(shopID:) instead")
        }
        var context = contexts[event.shopID]
        if context == nil {
            context = try ShopContext.load(db, shopID: event.shopID)
            contexts[event.shopID] = context
        }
        guard let sequence = try insertEvent(db, event) else { return .duplicate }
        // The foreign key on events.shop_id guarantees the shop exists past this point.
        let shop = context ?? ShopContext(calendar: ShopCalendar(timeZoneIdentifier: "UTC"), currency: "USD", onlineLocationID: Location.onlineID)
        let applied = try Projector(db: db, shopID: event.shopID, context: shop)
            .apply(event.payload, receivedAt: event.receivedAt)
        return .stored(sequence: sequence, applied: applied)
    }

    /// Appends one event and applies it, inside its own savepoint (the slow path).
    static func ingestOne(_ db: Database, _ event: IncomingEvent, contexts: inout [Int64: ShopContext]) -> IngestOutcome {
        do {
            var outcome = IngestOutcome.duplicate
            try db.inSavepoint {
                outcome = try apply(db, event, contexts: &contexts)
                return .commit
            }
            return outcome
        } catch let error as DatabaseError {
            return .failed(reason: "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "unknown")")
        } catch {
            return .failed(reason: String(describing: error))
        }
    }

    /// Inserts the event row; nil when the dedupe key (shop, topic, webhook id) is already there.
    static func insertEvent(_ db: Database, _ event: IncomingEvent) throws -> Int64? {
        let (resourceID, customerID) = event.payload.logKeys
        var body = event.body
        if case .customersRedact = event.payload {
            body = scrubPersonalData(body)  // it names the very customer to forget
        }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (shop_id, topic, webhook_id, source, api_version, resource_id, customer_id, received_at, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (shop_id, webhook_id, topic) DO NOTHING
            """)
        // Not RETURNING: it costs a temporary table per statement; changes() says the same.
        try statement.execute(arguments: [
            event.shopID, event.topic.rawValue, event.webhookID, event.source.rawValue, event.apiVersion,
            resourceID, customerID, event.receivedAt.storageMilliseconds, body,
        ])
        return db.changesCount == 0 ? nil : db.lastInsertedRowID
    }

    public func eventCount(shopID: Int64) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE shop_id = ?", arguments: [shopID]) ?? 0
        }
    }

    public func events(shopID: Int64, after: Int64, limit: Int) async throws -> [StoredEvent] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT sequence, shop_id, topic, webhook_id, body, received_at, source FROM events
                WHERE shop_id = ? AND sequence > ? ORDER BY sequence LIMIT ?
                """, arguments: [shopID, after, limit]).map { row in
                StoredEvent(
                    sequence: row["sequence"], shopID: row["shop_id"], topic: row["topic"],
                    webhookID: row["webhook_id"], body: row["body"],
                    receivedAt: row.date("received_at") ?? Date(timeIntervalSince1970: 0),
                    source: EventSource(rawValue: row["source"]) ?? .webhook)
            }
        }
    }

    public func containsWebhook(shopID: Int64, webhookID: String) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE shop_id = ? AND webhook_id = ?)",
                              arguments: [shopID, webhookID]) ?? false
        }
    }

    /// shop/redact: every row of the shop, in every table, then the shop row, in one transaction.
    public func deleteShopData(shopID: Int64) async throws {
        try await writer.write { db in
            try Self.deleteProjections(db, shopID: shopID)
            try db.execute(sql: "DELETE FROM events WHERE shop_id = ?", arguments: [shopID])
            // Actions (v8): proposals, the audit chain and its head, the token, OAuth nonces issued
            // to the shop's domain and backfill checkpoints (they also cascade; named so the list is plain).
            for table in ["action_proposals", "audit_log", "audit_heads", "shop_credentials", "backfill_checkpoints"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE shop_id = ?", arguments: [shopID])
            }
            try db.execute(sql: "DELETE FROM oauth_states WHERE shop_domain = (SELECT domain FROM shops WHERE id = ?)",
                           arguments: [shopID])
            try db.execute(sql: "DELETE FROM shops WHERE id = ?", arguments: [shopID])
        }
    }

    static func deleteProjections(_ db: Database, shopID: Int64) throws {
        for table in SQLiteMigrations.projectionTables {
            try db.execute(sql: "DELETE FROM \(table.name) WHERE shop_id = ?", arguments: [shopID])
        }
    }
}

extension WebhookPayload {
    /// `resource_id` and `customer_id` of the event row: what GDPR requests find events by.
    var logKeys: (resource: Int64?, customer: Int64?) {
        switch self {
        case .order(let o): (o.id, o.customer?.id)
        case .refund(let r): (r.id, nil)
        case .product(let p): (p.id, nil)
        case .productDeleted(let id): (id, nil)
        case .customer(let c): (c.id, c.id)
        case .inventoryLevel(let l): (l.inventoryItemID, nil)
        case .location(let l): (l.id, nil)
        case .dispute(let d): (d.id, nil)
        case .customersDataRequest(let r), .customersRedact(let r): (r.customerID, r.customerID)
        case .appUninstalled, .shopRedact, .unknown: (nil, nil)
        }
    }
}
