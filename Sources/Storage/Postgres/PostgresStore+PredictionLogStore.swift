import Commerce
import Foundation
import PostgresNIO

/// The sampled prediction log in `prediction_log`, appended to by every serving replica.
extension PostgresStore: PredictionLogStore {
    /// One INSERT … SELECT FROM UNNEST per 5,000 entries (nine array binds whatever the count), all
    /// in one transaction, as SQLite's one write: a batch is stored whole or not at all.
    public func appendPredictions(_ entries: [PredictionLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await transaction { connection in
            for start in stride(from: 0, to: entries.count, by: 5000) {
                let chunk = entries[start..<min(start + 5000, entries.count)]
                try await connection.execute("""
                    INSERT INTO prediction_log (shop_id, kind, request_id, version, arm, subject, output, latency_us, at)
                    SELECT * FROM UNNEST(\(chunk.map(\.shopID))::bigint[], \(chunk.map(\.kind))::text[],
                        \(chunk.map(\.requestID))::text[], \(chunk.map { Int64($0.version) })::bigint[], \(chunk.map(\.arm))::text[],
                        \(chunk.map(\.subject))::text[], \(chunk.map(\.output))::text[],
                        \(chunk.map { Int64($0.latencyMicros) })::bigint[], \(chunk.map(\.at))::bigint[])
                    """, logger: logger)
            }
        }
    }

    public func predictions(shopID: Int64, kind: String?, limit: Int) async throws -> [PredictionLogEntry] {
        try await rows("""
            SELECT shop_id, kind, request_id, version, arm, subject, output, latency_us, at FROM prediction_log
            WHERE shop_id = \(shopID) AND (\(kind)::text IS NULL OR kind = \(kind)::text)
            ORDER BY at DESC, id DESC LIMIT \(Int64(max(0, limit)))
            """).map { row in
            let (shop, kind, requestID, version, arm, subject, output, latency, at) =
                try row.decode((Int64, String, String, Int64, String, String, String, Int64, Int64).self)
            return PredictionLogEntry(shopID: shop, kind: kind, requestID: requestID, version: Int(version), arm: arm, subject: subject,
                                      output: output, latencyMicros: Int(latency), at: at)
        }
    }

    public func predictionCounts(shopID: Int64) async throws -> [PredictionCount] {
        try await rows("""
            SELECT kind, version, arm, count(*) FROM prediction_log WHERE shop_id = \(shopID)
            GROUP BY kind, version, arm ORDER BY kind COLLATE "C", version, arm COLLATE "C"
            """).map { row in
            let (kind, version, arm, count) = try row.decode((String, Int64, String, Int64).self)
            return PredictionCount(kind: kind, version: Int(version), arm: arm, count: Int(count))
        }
    }

    public func prunePredictions(before: Int64) async throws -> Int {
        try await scalar("""
            WITH pruned AS (DELETE FROM prediction_log WHERE at < \(before) RETURNING 1) SELECT count(*) FROM pruned
            """).map(Int.init) ?? 0
    }
}
