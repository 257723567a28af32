import Foundation
import GRDB

/// The sampled prediction log in `prediction_log` (v7).
extension SQLiteStore: PredictionLogStore {
    public func appendPredictions(_ entries: [PredictionLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await writer.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO prediction_log (shop_id, kind, request_id, version, arm, subject, output, latency_us, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for e in entries {
                try insert.execute(arguments: [e.shopID, e.kind, e.requestID, e.version, e.arm, e.subject, e.output, e.latencyMicros, e.at])
            }
        }
    }

    public func predictions(shopID: Int64, kind: String?, limit: Int) async throws -> [PredictionLogEntry] {
        try await writer.read { db in
            let sql = kind == nil
                ? "SELECT * FROM prediction_log WHERE shop_id = ? ORDER BY at DESC, id DESC LIMIT ?"
                : "SELECT * FROM prediction_log WHERE shop_id = ? AND kind = ? ORDER BY at DESC, id DESC LIMIT ?"
            let arguments: StatementArguments = kind.map { [shopID, $0, max(0, limit)] } ?? [shopID, max(0, limit)]
            return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
                PredictionLogEntry(shopID: row["shop_id"], kind: row["kind"], requestID: row["request_id"], version: row["version"],
                                   arm: row["arm"], subject: row["subject"], output: row["output"],
                                   latencyMicros: row["latency_us"], at: row["at"])
            }
        }
    }

    public func predictionCounts(shopID: Int64) async throws -> [PredictionCount] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT kind, version, arm, count(*) FROM prediction_log WHERE shop_id = ?
                GROUP BY kind, version, arm ORDER BY kind, version, arm
                """, arguments: [shopID]).map { row in
                PredictionCount(kind: row[0], version: row[1], arm: row[2], count: row[3])
            }
        }
    }

    public func prunePredictions(before: Int64) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM prediction_log WHERE at < ?", arguments: [before])
            return db.changesCount
        }
    }
}
