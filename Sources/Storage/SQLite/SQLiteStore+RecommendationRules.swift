import Foundation
import GRDB

/// Merchant rules and the response log of recommendations (v6).
extension SQLiteStore {
    public func recommendationRules(shopID: Int64) async throws -> [RecommendationRule] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT product_id, target_id, action, position, note, created_at FROM recommendation_rules
                WHERE shop_id = ? ORDER BY product_id, position, target_id
                """), arguments: [shopID]).compactMap { row -> RecommendationRule? in
                // A rule whose action no longer decodes (written by a newer version) is skipped
                // rather than failing every response of the shop.
                guard let action = RecommendationRuleAction(rawValue: row[2]) else { return nil }
                return RecommendationRule(shopID: shopID, productID: row[0], targetID: row[1], action: action, position: row[3],
                                          note: row[4], createdAt: (row[5] as Int64) / 1000)
            }
        }
    }

    public func setRecommendationRule(_ rule: RecommendationRule) async throws {
        try rule.validate()
        try await writer.write { db in
            try Self.requireShop(db, rule.shopID)
            try db.execute(sql: """
                INSERT INTO recommendation_rules (shop_id, product_id, target_id, action, position, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (shop_id, product_id, target_id) DO UPDATE SET action = excluded.action,
                    position = excluded.position, note = excluded.note, created_at = excluded.created_at
                """, arguments: [rule.shopID, rule.productID, rule.targetID, rule.action.rawValue, rule.position, rule.note,
                                 rule.createdAt * 1000])
        }
    }

    @discardableResult
    public func deleteRecommendationRule(shopID: Int64, productID: Int64, targetID: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM recommendation_rules WHERE shop_id = ? AND product_id = ? AND target_id = ?",
                           arguments: [shopID, productID, targetID])
            return db.changesCount > 0
        }
    }

    // MARK: Response log

    /// One transaction and one cached statement for the batch; `items` is written as a JSON array by hand.
    public func appendRecommendationLog(shopID: Int64, _ entries: [RecommendationLogEntry]) async throws {
        if entries.isEmpty { return }
        try await writer.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO recommendation_log (shop_id, at, request_id, surface, seed, customer_hash, model_version, items, latency_us)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for e in entries {
                var items = "["
                for (k, id) in e.items.enumerated() {
                    if k > 0 { items += "," }
                    items += String(id)
                }
                items += "]"
                try insert.execute(arguments: [shopID, e.at * 1000, e.requestID, e.surface, e.seed, e.customerHash, e.modelVersion,
                                               items, e.latencyMicros])
            }
        }
    }

    public func recommendationLog(shopID: Int64, limit: Int) async throws -> [RecommendationLogEntry] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT at, request_id, surface, seed, customer_hash, model_version, items, latency_us FROM recommendation_log
                WHERE shop_id = ? ORDER BY at DESC, id DESC LIMIT ?
                """), arguments: [shopID, max(0, limit)]).map { row in
                RecommendationLogEntry(
                    at: (row[0] as Int64) / 1000, requestID: row[1], surface: row[2], seed: row[3], customerHash: row[4],
                    modelVersion: row[5], items: JSONColumn.decode([Int64].self, row[6]) ?? [], latencyMicros: row[7])
            }
        }
    }

    public func recommendationLogCount(shopID: Int64) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM recommendation_log WHERE shop_id = ?"), arguments: [shopID]) ?? 0
        }
    }

    /// Shop by shop, so each delete is a range of the (shop_id, at) index.
    @discardableResult
    public func pruneRecommendationLog(before: Int64) async throws -> Int {
        try await writer.write { db in
            var deleted = 0
            let delete = try db.cachedStatement(sql: "DELETE FROM recommendation_log WHERE shop_id = ? AND at < ?")
            for shopID in try Int64.fetchAll(db, sql: "SELECT id FROM shops") {
                try delete.execute(arguments: [shopID, before * 1000])
                deleted += db.changesCount
            }
            return deleted
        }
    }

    /// A scan of the shop's entries: rare (privacy requests), so no index is kept for it.
    @discardableResult
    public func deleteRecommendationLog(shopID: Int64, customerHash: String) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM recommendation_log WHERE shop_id = ? AND customer_hash = ?", arguments: [shopID, customerHash])
            return db.changesCount
        }
    }
}
