import Commerce
import Crypto
import Foundation
import Logging
import PostgresNIO

extension PostgresStore {
    /// Replays the shop's log into empty projections, in sequence order, in chunks of 1,000.
    ///
    /// One transaction, as on SQLite: readers keep seeing the old projections until the new
    /// ones commit, and the shop's ingest waits on its lock (it resumes after; nothing is lost).
    /// Bodies are decoded again, so a decoder fix reaches the projections through a replay. An
    /// event whose body no longer decodes is skipped and logged.
    public func rebuildProjections(shopID: Int64, progress: @Sendable (Int, Int) -> Void) async throws {
        try await transaction { connection in
            // The ingest lock: no event of this shop commits half-way through the replay.
            try await lockShops([shopID], connection)
            guard let context = try await ShopContext.load(connection, shopID: shopID, logger: logger) else {
                throw StorageError.unknownShop(id: shopID)
            }
            try await deleteProjections(shopID: shopID, connection)
            let total = Int(try await connection.scalar("SELECT count(*) FROM events WHERE shop_id = \(shopID)", logger: logger) ?? 0)
            let projector = PostgresProjector(connection: connection, logger: logger, shopID: shopID, context: context)
            var after: Int64 = 0
            var done = 0
            while true {
                let page = try await connection.rows("""
                    SELECT sequence, topic, body, received_at FROM events
                    WHERE shop_id = \(shopID) AND sequence > \(after) ORDER BY sequence LIMIT 1000
                    """, logger: logger)
                guard !page.isEmpty else { break }
                for row in page {
                    let (sequence, topic, body, receivedAt) = try row.decode((Int64, String, Data, Int64).self)
                    after = sequence
                    let payload: WebhookPayload
                    do {
                        payload = try ShopifyJSON.decode(topic: WebhookTopic(topic), body: body, shopCurrency: context.currency)
                    } catch {
                        logger.warning("replay skipped an event that no longer decodes", metadata: [
                            "shop_id": "\(shopID)", "sequence": "\(sequence)", "error": "\(String(reflecting: error))",
                        ])
                        continue
                    }
                    if case .shopRedact = payload { continue }
                    _ = try await projector.apply(payload, receivedAt: Date(storageMilliseconds: receivedAt))
                }
                done += page.count
                progress(done, total)
            }
        }
    }

    /// SHA-256 over every projection row of the shop, table by table in key order: the same text
    /// the SQLite store hashes (`SQLiteStore.projectionDigest`), so the same data gives the same
    /// digest on both backends (what `storewise db copy` verifies).
    public func projectionDigest(shopID: Int64) async throws -> String {
        try await digestProjections(shopID: shopID, tables: SQLiteMigrations.projectionTables)
    }

    /// The digest of `tables` (projection tables with their key order), in the given order, read
    /// in one REPEATABLE READ snapshot (SQLite's read transaction sees one snapshot too).
    ///
    /// The hashed text per value, as SQLite's: `n` for NULL, `i<decimal>` for an integer,
    /// `d<Swift description>` for a double, `s<utf8 length>:<text>` for text, `b<length>:<bytes>`
    /// for bytes, each followed by 0x1F; 0x1E ends a row; `shop_id` (the first column) is left out.
    /// `SELECT *` on purpose: every column, in table order, which the two schemas share.
    func digestProjections(shopID: Int64, tables: [(name: String, orderBy: String)]) async throws -> String {
        try await transaction { connection in
            try await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            var hash = SHA256()
            for table in tables {
                hash.update("\u{1}\(table.name)\u{2}")
                let rows = try await connection.query("""
                    SELECT * FROM \(unescaped: table.name) WHERE shop_id = \(shopID) ORDER BY \(unescaped: table.orderBy)
                    """, logger: logger)
                for try await row in rows {
                    for cell in row.dropFirst() {
                        try Self.hash(cell, into: &hash)
                        hash.update("\u{1f}")
                    }
                    hash.update("\u{1e}")
                }
            }
            return hash.finalizeHex()
        }
    }

    /// One value in SQLite's digest notation (see `digestProjections(shopID:tables:)`).
    private static func hash(_ cell: PostgresCell, into hash: inout SHA256) throws {
        guard cell.bytes != nil else { hash.update("n"); return }
        switch cell.dataType {
        case .int8, .int4, .int2:
            hash.update("i\(try cell.decode(Int64.self))")
        case .float8, .float4:
            hash.update("d\(try cell.decode(Double.self))")
        case .bytea:
            let bytes = try cell.decode(Data.self)
            hash.update("b\(bytes.count):"); hash.update(bytes)
        case .bool:
            hash.update("i\(try cell.decode(Bool.self) ? 1 : 0)")
        default:
            let text = try cell.decode(String.self)
            hash.update("s\(text.utf8.count):"); hash.update(text)
        }
    }
}
