import Crypto
import Commerce
import Foundation
import GRDB

extension SQLiteStore {
    /// Replays the shop's log into empty projections, in sequence order, in chunks of 1,000.
    ///
    /// Runs as one write transaction: readers keep seeing the old projections until the new ones
    /// are complete, and ingest waits (it resumes after; nothing is lost). Bodies are decoded again
    /// with `ShopifyJSON.decode`, so a decoder fix reaches the projections through a replay.
    /// An event whose body no longer decodes is skipped and logged.
    public func rebuildProjections(shopID: Int64, progress: @Sendable (Int, Int) -> Void) async throws {
        let logger = self.logger
        try await withoutActuallyEscaping(progress) { progress in
            try await writer.write { db in
                guard let context = try ShopContext.load(db, shopID: shopID) else {
                    throw StorageError.unknownShop(id: shopID)
                }
                try Self.deleteProjections(db, shopID: shopID)
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE shop_id = ?", arguments: [shopID]) ?? 0
                let projector = Projector(db: db, shopID: shopID, context: context)
                var after: Int64 = 0
                var done = 0
                while true {
                    let rows = try Row.fetchAll(db.cachedStatement(sql: """
                        SELECT sequence, topic, body, received_at FROM events
                        WHERE shop_id = ? AND sequence > ? ORDER BY sequence LIMIT 1000
                        """), arguments: [shopID, after])
                    guard let last = rows.last else { break }
                    for row in rows {
                        let topic = WebhookTopic(row["topic"] as String)
                        let payload: WebhookPayload
                        do {
                            payload = try ShopifyJSON.decode(topic: topic, body: row["body"], shopCurrency: context.currency)
                        } catch {
                            logger.warning("replay skipped an event that no longer decodes", metadata: [
                                "shop_id": "\(shopID)", "sequence": "\(row["sequence"] as Int64)",
                                "error": "\(String(reflecting: error))",
                            ])
                            continue
                        }
                        if case .shopRedact = payload { continue }
                        _ = try projector.apply(payload, receivedAt: row.date("received_at") ?? Date(timeIntervalSince1970: 0))
                    }
                    after = last["sequence"]
                    done += rows.count
                    progress(done, total)
                }
            }
        }
    }

    /// SHA-256 over every projection row of the shop, table by table in key order, values typed.
    /// `shop_id` (the first column of every projection table) is left out, so two shops with the
    /// same history have the same digest.
    public func projectionDigest(shopID: Int64) async throws -> String {
        try await writer.read { db in
            try Self.projectionDigest(db, shopID: shopID, tables: SQLiteMigrations.projectionTables)
        }
    }

    /// The digest of `tables` (projection tables with their key order), in the given order.
    static func projectionDigest(_ db: Database, shopID: Int64, tables: [(name: String, orderBy: String)]) throws -> String {
        var hash = SHA256()
        for table in tables {
            hash.update("\u{1}\(table.name)\u{2}")
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.name) WHERE shop_id = ? ORDER BY \(table.orderBy)",
                                             arguments: [shopID])
            while let row = try cursor.next() {
                for value in row.databaseValues.dropFirst() {
                    switch value.storage {
                    case .null: hash.update("n")
                    case .int64(let i): hash.update("i\(i)")
                    case .double(let d): hash.update("d\(d)")
                    case .string(let s): hash.update("s\(s.utf8.count):"); hash.update(s)
                    case .blob(let b): hash.update("b\(b.count):"); hash.update(b)
                    }
                    hash.update("\u{1f}")
                }
                hash.update("\u{1e}")
            }
        }
        return hash.finalizeHex()
    }
}
