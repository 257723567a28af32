import Foundation
import Logging
import PostgresNIO

/// Merchant rules and the response log of recommendations, as `SQLiteStore+RecommendationRules`.
extension PostgresStore {
    public func recommendationRules(shopID: Int64) async throws -> [RecommendationRule] {
        try await rows("""
            SELECT product_id, target_id, action, position, note, created_at FROM recommendation_rules
            WHERE shop_id = \(shopID) ORDER BY product_id, position, target_id
            """).compactMap { row -> RecommendationRule? in
            let (productID, targetID, actionText, position, note, createdAt) =
                try row.decode((Int64, Int64, String, Int, String?, Int64).self)
            // A rule whose action no longer decodes (written by a newer version) is skipped
            // rather than failing every response of the shop.
            guard let action = RecommendationRuleAction(rawValue: actionText) else { return nil }
            return RecommendationRule(shopID: shopID, productID: productID, targetID: targetID, action: action, position: position,
                                      note: note, createdAt: createdAt / 1000)
        }
    }

    /// An upsert on the rule's key: concurrent sets of one rule end as one row, the last one's.
    public func setRecommendationRule(_ rule: RecommendationRule) async throws {
        try rule.validate()
        try await transaction { connection in
            let found = try await connection.rows("SELECT id FROM shops WHERE id = \(rule.shopID) FOR KEY SHARE", logger: logger)
            if found.isEmpty { throw StorageError.unknownShop(id: rule.shopID) }
            try await connection.execute("""
                INSERT INTO recommendation_rules (shop_id, product_id, target_id, action, position, note, created_at)
                VALUES (\(rule.shopID), \(rule.productID), \(rule.targetID), \(rule.action.rawValue), \(Int64(rule.position)),
                    \(rule.note), \(rule.createdAt * 1000))
                ON CONFLICT (shop_id, product_id, target_id) DO UPDATE SET action = excluded.action,
                    position = excluded.position, note = excluded.note, created_at = excluded.created_at
                """, logger: logger)
        }
    }

    @discardableResult
    public func deleteRecommendationRule(shopID: Int64, productID: Int64, targetID: Int64) async throws -> Bool {
        try await !rows("""
            DELETE FROM recommendation_rules WHERE shop_id = \(shopID) AND product_id = \(productID) AND target_id = \(targetID)
            RETURNING product_id
            """).isEmpty
    }

    // MARK: Response log

    /// Entries per INSERT: 9 binds each, so 1,000 stay far below the 65,535 binds of a statement.
    static let recommendationLogBatch = 1_000

    /// One transaction, multi-row INSERTs of up to `recommendationLogBatch` entries; `items` is
    /// written as a JSON array by hand, as SQLite writes it.
    public func appendRecommendationLog(shopID: Int64, _ entries: [RecommendationLogEntry]) async throws {
        if entries.isEmpty { return }
        try await transaction { connection in
            var start = 0
            while start < entries.count {
                let batch = entries[start..<min(entries.count, start + Self.recommendationLogBatch)]
                try await connection.execute(Self.recommendationLogInsert(shopID: shopID, batch), logger: logger)
                start += batch.count
            }
        }
    }

    /// `INSERT … VALUES ($1, …), (…)` for `batch`, every value a bind.
    static func recommendationLogInsert(shopID: Int64, _ batch: ArraySlice<RecommendationLogEntry>) -> PostgresQuery {
        var sql = "INSERT INTO recommendation_log (shop_id, at, request_id, surface, seed, customer_hash, model_version, items, latency_us) VALUES "
        var binds = PostgresBindings(capacity: batch.count * 9)
        var n = 0
        for (k, e) in batch.enumerated() {
            if k > 0 { sql += ", " }
            sql += "(" + (1...9).map { "$\(n + $0)" }.joined(separator: ", ") + ")"
            n += 9
            var items = "["
            for (j, id) in e.items.enumerated() {
                if j > 0 { items += "," }
                items += String(id)
            }
            items += "]"
            binds.append(shopID)
            binds.append(e.at * 1000)
            binds.append(e.requestID)
            binds.append(e.surface)
            binds.append(e.seed)
            binds.append(e.customerHash)
            binds.append(e.modelVersion)
            binds.append(items)
            binds.append(e.latencyMicros.map(Int64.init))
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    public func recommendationLog(shopID: Int64, limit: Int) async throws -> [RecommendationLogEntry] {
        try await rows("""
            SELECT at, request_id, surface, seed, customer_hash, model_version, items, latency_us FROM recommendation_log
            WHERE shop_id = \(shopID) ORDER BY at DESC, id DESC LIMIT \(Int64(max(0, limit)))
            """).map { row in
            let (at, requestID, surface, seed, customerHash, modelVersion, items, latency) =
                try row.decode((Int64, String, String, String, String?, String, String, Int?).self)
            return RecommendationLogEntry(at: at / 1000, requestID: requestID, surface: surface, seed: seed,
                                          customerHash: customerHash, modelVersion: modelVersion,
                                          items: JSONColumn.decode([Int64].self, items) ?? [], latencyMicros: latency)
        }
    }

    public func recommendationLogCount(shopID: Int64) async throws -> Int {
        Int(try await scalar("SELECT COUNT(*) FROM recommendation_log WHERE shop_id = \(shopID)") ?? 0)
    }

    /// One statement joined to the shops, so each shop's part is a range of the (shop_id, at) index.
    @discardableResult
    public func pruneRecommendationLog(before: Int64) async throws -> Int {
        Int(try await scalar("""
            WITH gone AS (DELETE FROM recommendation_log l USING shops s WHERE l.shop_id = s.id AND l.at < \(before * 1000)
                          RETURNING 1)
            SELECT COUNT(*) FROM gone
            """) ?? 0)
    }

    /// A scan of the shop's entries: rare (privacy requests), so no index is kept for it.
    @discardableResult
    public func deleteRecommendationLog(shopID: Int64, customerHash: String) async throws -> Int {
        Int(try await scalar("""
            WITH gone AS (DELETE FROM recommendation_log WHERE shop_id = \(shopID) AND customer_hash = \(customerHash) RETURNING 1)
            SELECT COUNT(*) FROM gone
            """) ?? 0)
    }
}
