import Commerce
import Foundation
import Logging
import PostgresNIO

/// Recommendation runs, neighbour lists (packed `NeighbourBlob` BYTEA) and popular lists, written
/// whole in one transaction, as `SQLiteStore+RecommendationModel`. Inputs are in
/// `PostgresStore+RecommendationInputs.swift`, rules and the response log in `+RecommendationRules.swift`.
extension PostgresStore: RecommendationStore {
    /// Packed lists per UNNEST statement: three array binds whatever the count; 5,000 lists of 30
    /// neighbours are about 3 MB, a message size that keeps memory flat for 150k lists.
    static let neighbourListBatch = 5_000

    public func saveRecommendationModel(_ run: RecommendationRun, neighbours: [NeighbourRow], popular: [PopularRow],
                                        keepRuns: Int) async throws -> RecommendationRun {
        let lists = SQLiteStore.packNeighbours(neighbours)
        return try await transaction { connection in
            let saved = try await Self.insertRecommendationRun(connection, run, keepRuns: keepRuns, logger: logger)
            try await connection.execute("DELETE FROM recommendation_neighbours WHERE shop_id = \(run.shopID)", logger: logger)
            try await Self.insertNeighbourLists(connection, shopID: run.shopID, lists, logger: logger)
            try await Self.replacePopular(connection, shopID: run.shopID, popular, logger: logger)
            return saved
        }
    }

    public func updateRecommendationNeighbours(_ run: RecommendationRun, productIDs: [Int64], neighbours: [NeighbourRow],
                                               popular: [PopularRow]?, keepRuns: Int) async throws -> RecommendationRun {
        let updated = Set(productIDs)
        let lists = SQLiteStore.packNeighbours(neighbours.filter { updated.contains($0.productID) })
        let named = updated.sorted()
        return try await transaction { connection in
            let saved = try await Self.insertRecommendationRun(connection, run, keepRuns: keepRuns, logger: logger)
            try await connection.execute("""
                DELETE FROM recommendation_neighbours WHERE shop_id = \(run.shopID) AND product_id = ANY(\(named)::bigint[])
                """, logger: logger)
            try await Self.insertNeighbourLists(connection, shopID: run.shopID, lists, logger: logger)
            if let popular { try await Self.replacePopular(connection, shopID: run.shopID, popular, logger: logger) }
            return saved
        }
    }

    public func latestRecommendationRun(shopID: Int64) async throws -> RecommendationRun? {
        try await recommendationRuns(shopID: shopID, limit: 1).first
    }

    public func recommendationRuns(shopID: Int64, limit: Int) async throws -> [RecommendationRun] {
        try await rows("""
            SELECT id, shop_id, created_at, version, kind, orders, products, pairs, parameters, duration_ms, evaluation
            FROM recommendation_runs WHERE shop_id = \(shopID) ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
            """).map { row in
            let (id, shop, created, version, kind, orders, products, pairs, parameters, duration, evaluation) =
                try row.decode((Int64, Int64, Int64, String, String, Int, Int, Int, String, Int, String?).self)
            return RecommendationRun(id: id, shopID: shop, createdAt: created / 1000, version: version, kind: kind, orders: orders,
                                     products: products, pairs: pairs,
                                     parameters: JSONColumn.decode([String: String].self, parameters) ?? [:],
                                     durationMs: duration, evaluation: evaluation)
        }
    }

    public func recommendationNeighbours(shopID: Int64) async throws -> [NeighbourRow] {
        try await recommendationNeighbourLists(shopID: shopID).flatMap(\.rows)
    }

    /// Kinds sort bytewise (`COLLATE "C"`), as SQLite's BINARY text order, whatever the cluster's locale.
    public func recommendationNeighbourLists(shopID: Int64) async throws -> [NeighbourList] {
        try await neighbourLists("""
            SELECT product_id, kind, neighbours FROM recommendation_neighbours WHERE shop_id = \(shopID)
            ORDER BY product_id, kind COLLATE "C"
            """)
    }

    public func recommendationNeighbours(shopID: Int64, productID: Int64) async throws -> [NeighbourRow] {
        try await neighbourLists("""
            SELECT product_id, kind, neighbours FROM recommendation_neighbours WHERE shop_id = \(shopID) AND product_id = \(productID)
            ORDER BY kind COLLATE "C"
            """).flatMap(\.rows)
    }

    public func recommendationPopular(shopID: Int64) async throws -> [PopularRow] {
        try await rows("""
            SELECT kind, rank, product_id, score, evidence FROM recommendation_popular WHERE shop_id = \(shopID)
            ORDER BY kind COLLATE "C", rank
            """).map { row in
            let (kind, rank, productID, score, evidence) = try row.decode((String, Int, Int64, Double, Int).self)
            return PopularRow(kind: kind, rank: rank, productID: productID, score: score, evidence: evidence)
        }
    }

    // MARK: Writing

    /// The run row (instants in whole milliseconds, as stored), then runs beyond the newest
    /// `keepRuns` (at least 1) deleted, except runs an aliased model version points at.
    static func insertRecommendationRun(_ connection: PostgresConnection, _ run: RecommendationRun, keepRuns: Int,
                                        logger: Logger) async throws -> RecommendationRun {
        let found = try await connection.rows("SELECT id FROM shops WHERE id = \(run.shopID) FOR KEY SHARE", logger: logger)
        if found.isEmpty { throw StorageError.unknownShop(id: run.shopID) }
        // Two saves of one shop at once would interleave their delete-then-insert of the same
        // (shop, product, kind) keys; SQLite's single writer serialized them, this lock does here.
        try await connection.execute("""
            SELECT pg_advisory_xact_lock(hashtextextended('storewise.recommendation-model', \(run.shopID)))
            """, logger: logger)
        var saved = run
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let parameters = String(decoding: try encoder.encode(run.parameters), as: UTF8.self)
        saved.id = try await connection.scalar("""
            INSERT INTO recommendation_runs (shop_id, created_at, version, kind, orders, products, pairs, parameters,
                duration_ms, evaluation)
            VALUES (\(run.shopID), \(run.createdAt * 1000), \(run.version), \(run.kind), \(Int64(run.orders)),
                \(Int64(run.products)), \(Int64(run.pairs)), \(parameters), \(Int64(run.durationMs)), \(run.evaluation))
            RETURNING id
            """, logger: logger) ?? 0
        try await connection.execute("""
            DELETE FROM recommendation_runs r WHERE r.shop_id = \(run.shopID)
              AND r.id NOT IN (SELECT id FROM recommendation_runs WHERE shop_id = \(run.shopID) ORDER BY id DESC
                               LIMIT \(Int64(max(1, keepRuns))))
              AND NOT EXISTS (\(unescaped: aliasedRunCondition(prefix: "recommendation-run:", runAlias: "r")))
            """, logger: logger)
        return saved
    }

    /// UNNEST batches of (product, kind, blob); `packNeighbours` made each (product, kind) one list,
    /// so a batch never names a key twice and the upsert is SQLite's INSERT OR REPLACE.
    static func insertNeighbourLists(_ connection: PostgresConnection, shopID: Int64,
                                     _ lists: [(productID: Int64, kind: String, blob: Data)], logger: Logger) async throws {
        var start = 0
        while start < lists.count {
            let batch = lists[start..<min(lists.count, start + neighbourListBatch)]
            try await connection.execute("""
                INSERT INTO recommendation_neighbours (shop_id, product_id, kind, neighbours)
                SELECT \(shopID), u.* FROM UNNEST(\(batch.map(\.productID))::bigint[], \(batch.map(\.kind))::text[],
                                                 \(batch.map { ByteBuffer(bytes: $0.blob) })::bytea[]) AS u
                ON CONFLICT (shop_id, product_id, kind) DO UPDATE SET neighbours = excluded.neighbours
                """, logger: logger)
            start += batch.count
        }
    }

    /// The shop's popular rows replaced; a (kind, rank) given twice keeps the later row, as
    /// SQLite's INSERT OR REPLACE does (one INSERT … ON CONFLICT may not touch a row twice).
    static func replacePopular(_ connection: PostgresConnection, shopID: Int64, _ rows: [PopularRow], logger: Logger) async throws {
        try await connection.execute("DELETE FROM recommendation_popular WHERE shop_id = \(shopID)", logger: logger)
        var seen = Set<PopularKey>()
        var kept: [PopularRow] = []
        for row in rows.reversed() where seen.insert(PopularKey(kind: row.kind, rank: row.rank)).inserted { kept.append(row) }
        kept.reverse()
        if kept.isEmpty { return }
        try await connection.execute("""
            INSERT INTO recommendation_popular (shop_id, kind, rank, product_id, score, evidence)
            SELECT \(shopID), u.* FROM UNNEST(\(kept.map(\.kind))::text[], \(kept.map { Int64($0.rank) })::bigint[],
                                             \(kept.map(\.productID))::bigint[], \(kept.map(\.score))::float8[],
                                             \(kept.map { Int64($0.evidence) })::bigint[]) AS u
            """, logger: logger)
    }

    private struct PopularKey: Hashable {
        var kind: String
        var rank: Int
    }

    /// Lists from (product_id, kind, neighbours) rows, streamed: 150k lists are not collected as rows first.
    func neighbourLists(_ query: PostgresQuery) async throws -> [NeighbourList] {
        var lists: [NeighbourList] = []
        for try await row in try await client.query(query, logger: logger) {
            let (productID, kind, bytes) = try row.decode((Int64, String, ByteBuffer).self)
            // A blob whose length is not a whole number of entries (never written by this code) is read as far as it goes.
            var list = NeighbourList(productID: productID, kind: kind, neighbourIDs: [], scores: [], evidence: [])
            NeighbourBlob.unpack(Data(bytes.readableBytesView), into: &list)
            lists.append(list)
        }
        return lists
    }
}
