import Foundation
import GRDB

/// Recommendation runs, neighbour lists and popular lists (v6), written whole in one transaction.
extension SQLiteStore: RecommendationStore {
    public func saveRecommendationModel(_ run: RecommendationRun, neighbours: [NeighbourRow], popular: [PopularRow],
                                        keepRuns: Int) async throws -> RecommendationRun {
        let lists = Self.packNeighbours(neighbours)
        return try await writer.write { db in
            let saved = try Self.insertRecommendationRun(db, run, keepRuns: keepRuns)
            try db.execute(sql: "DELETE FROM recommendation_neighbours WHERE shop_id = ?", arguments: [run.shopID])
            try Self.insertNeighbourLists(db, shopID: run.shopID, lists)
            try Self.replacePopular(db, shopID: run.shopID, popular)
            return saved
        }
    }

    public func updateRecommendationNeighbours(_ run: RecommendationRun, productIDs: [Int64], neighbours: [NeighbourRow],
                                               popular: [PopularRow]?, keepRuns: Int) async throws -> RecommendationRun {
        let updated = Set(productIDs)
        let lists = Self.packNeighbours(neighbours.filter { updated.contains($0.productID) })
        return try await writer.write { db in
            let saved = try Self.insertRecommendationRun(db, run, keepRuns: keepRuns)
            let delete = try db.cachedStatement(sql: "DELETE FROM recommendation_neighbours WHERE shop_id = ? AND product_id = ?")
            for productID in updated { try delete.execute(arguments: [run.shopID, productID]) }
            try Self.insertNeighbourLists(db, shopID: run.shopID, lists)
            if let popular { try Self.replacePopular(db, shopID: run.shopID, popular) }
            return saved
        }
    }

    public func latestRecommendationRun(shopID: Int64) async throws -> RecommendationRun? {
        try await recommendationRuns(shopID: shopID, limit: 1).first
    }

    public func recommendationRuns(shopID: Int64, limit: Int) async throws -> [RecommendationRun] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM recommendation_runs WHERE shop_id = ? ORDER BY id DESC LIMIT ?"),
                             arguments: [shopID, max(0, limit)]).map(Self.recommendationRun)
        }
    }

    public func recommendationNeighbours(shopID: Int64) async throws -> [NeighbourRow] {
        try await recommendationNeighbourLists(shopID: shopID).flatMap(\.rows)
    }

    public func recommendationNeighbourLists(shopID: Int64) async throws -> [NeighbourList] {
        try await writer.read { db in
            try Self.neighbourLists(db, sql: "SELECT product_id, kind, neighbours FROM recommendation_neighbours WHERE shop_id = ? ORDER BY product_id, kind",
                                    arguments: [shopID])
        }
    }

    public func recommendationNeighbours(shopID: Int64, productID: Int64) async throws -> [NeighbourRow] {
        try await writer.read { db in
            try Self.neighbourLists(db, sql: """
                SELECT product_id, kind, neighbours FROM recommendation_neighbours WHERE shop_id = ? AND product_id = ? ORDER BY kind
                """, arguments: [shopID, productID]).flatMap(\.rows)
        }
    }

    public func recommendationPopular(shopID: Int64) async throws -> [PopularRow] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT kind, rank, product_id, score, evidence FROM recommendation_popular WHERE shop_id = ? ORDER BY kind, rank
                """), arguments: [shopID]).map {
                PopularRow(kind: $0[0], rank: $0[1], productID: $0[2], score: $0[3], evidence: $0[4])
            }
        }
    }

    // MARK: Writing

    /// The run row (instants in whole milliseconds, as stored), then runs beyond the newest
    /// `keepRuns` (at least 1) deleted, except runs an aliased model version points at.
    static func insertRecommendationRun(_ db: Database, _ run: RecommendationRun, keepRuns: Int) throws -> RecommendationRun {
        try requireShop(db, run.shopID)
        var saved = run
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let parameters = String(decoding: try encoder.encode(run.parameters), as: UTF8.self)
        saved.id = try Int64.fetchOne(db, sql: """
            INSERT INTO recommendation_runs (shop_id, created_at, version, kind, orders, products, pairs, parameters,
                duration_ms, evaluation)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, arguments: [
                run.shopID, run.createdAt * 1000, run.version, run.kind, run.orders, run.products, run.pairs, parameters,
                run.durationMs, run.evaluation,
            ]) ?? 0
        try db.execute(sql: """
            DELETE FROM recommendation_runs WHERE shop_id = ?1
              AND id NOT IN (SELECT id FROM recommendation_runs WHERE shop_id = ?1 ORDER BY id DESC LIMIT ?2)
              AND id NOT IN (\(aliasedRunIDs(prefix: "recommendation-run:")))
            """, arguments: [run.shopID, max(1, keepRuns)])
        return saved
    }

    static func recommendationRun(_ row: Row) -> RecommendationRun {
        RecommendationRun(
            id: row["id"], shopID: row["shop_id"], createdAt: (row["created_at"] as Int64) / 1000, version: row["version"],
            kind: row["kind"], orders: row["orders"], products: row["products"], pairs: row["pairs"],
            parameters: JSONColumn.decode([String: String].self, row["parameters"]) ?? [:], durationMs: row["duration_ms"],
            evaluation: row["evaluation"])
    }

    /// Rows grouped into one packed list per (product, kind), each in rank order; rows already in
    /// (product, kind, rank) order (what a job naturally produces) are not sorted again.
    static func packNeighbours(_ rows: [NeighbourRow]) -> [(productID: Int64, kind: String, blob: Data)] {
        func before(_ a: NeighbourRow, _ b: NeighbourRow) -> Bool {
            (a.productID, a.kind, a.rank) < (b.productID, b.kind, b.rank)
        }
        var ordered = rows
        if zip(rows, rows.dropFirst()).contains(where: { before($1, $0) }) { ordered.sort(by: before) }
        var lists: [(productID: Int64, kind: String, blob: Data)] = []
        var start = 0
        while start < ordered.count {
            var end = start + 1
            while end < ordered.count, ordered[end].productID == ordered[start].productID, ordered[end].kind == ordered[start].kind {
                end += 1
            }
            lists.append((ordered[start].productID, ordered[start].kind, NeighbourBlob.pack(ordered[start..<end])))
            start = end
        }
        return lists
    }

    static func insertNeighbourLists(_ db: Database, shopID: Int64, _ lists: [(productID: Int64, kind: String, blob: Data)]) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO recommendation_neighbours (shop_id, product_id, kind, neighbours) VALUES (?, ?, ?, ?)
            """)
        for list in lists { try insert.execute(arguments: [shopID, list.productID, list.kind, list.blob]) }
    }

    static func replacePopular(_ db: Database, shopID: Int64, _ rows: [PopularRow]) throws {
        try db.execute(sql: "DELETE FROM recommendation_popular WHERE shop_id = ?", arguments: [shopID])
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO recommendation_popular (shop_id, kind, rank, product_id, score, evidence) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for row in rows { try insert.execute(arguments: [shopID, row.kind, row.rank, row.productID, row.score, row.evidence]) }
    }

    static func neighbourLists(_ db: Database, sql: String, arguments: StatementArguments) throws -> [NeighbourList] {
        var lists: [NeighbourList] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            // A blob whose length is not a whole number of entries (never written by this code) is read as far as it goes.
            let blob: Data = row[2] ?? Data()
            var list = NeighbourList(productID: row[0], kind: row[1], neighbourIDs: [], scores: [], evidence: [])
            NeighbourBlob.unpack(blob, into: &list)
            lists.append(list)
        }
        return lists
    }
}

/// The packed form of one neighbour list: 20 bytes per neighbour, little-endian product id
/// (Int64), score (Float64 bits) and evidence (Int32, clamped).
enum NeighbourBlob {
    static let stride = 20

    static func pack(_ rows: ArraySlice<NeighbourRow>) -> Data {
        var bytes = [UInt8](repeating: 0, count: rows.count * stride)
        var offset = 0
        func put<T: FixedWidthInteger>(_ value: T) {
            var v = value.littleEndian
            withUnsafeBytes(of: &v) { for b in $0 { bytes[offset] = b; offset += 1 } }
        }
        for row in rows {
            put(row.neighbourID)
            put(row.score.bitPattern)
            put(Int32(clamping: row.evidence))
        }
        return Data(bytes)
    }

    static func unpack(_ blob: Data, into list: inout NeighbourList) {
        let count = blob.count / stride
        list.neighbourIDs.reserveCapacity(count)
        list.scores.reserveCapacity(count)
        list.evidence.reserveCapacity(count)
        blob.withUnsafeBytes { raw in
            for k in 0..<count {
                let base = k * stride
                list.neighbourIDs.append(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: Int64.self)))
                list.scores.append(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))))
                list.evidence.append(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 16, as: Int32.self)))
            }
        }
    }
}
