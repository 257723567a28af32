import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A one-dimensional PostgreSQL array bind whose elements may be NULL (`text[]` with NULLs, …):
/// postgres-nio encodes `[T]` but not `[T?]`, and a nullable column in an `UNNEST(…)` batch
/// insert needs one. Binary format, the element type's array OID, lower bound 1.
struct NullableArrayBind<Element: PostgresArrayEncodable & PostgresNonThrowingEncodable>: PostgresNonThrowingEncodable {
    var values: [Element?]

    init(_ values: [Element?]) { self.values = values }

    static var psqlType: PostgresDataType { Element.psqlArrayType }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Header: number of dimensions, has-nulls flag, element type; then (length, lower bound)
        // per dimension; then each element as (byte length, bytes), -1 for NULL.
        buffer.writeInteger(values.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(values.contains { $0 == nil } ? 1 : 0, as: Int32.self)
        buffer.writeInteger(Element.psqlType.rawValue)
        guard !values.isEmpty else { return }
        buffer.writeInteger(Int32(values.count), as: Int32.self)
        buffer.writeInteger(1, as: Int32.self)
        for value in values {
            guard let value else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            let start = buffer.writerIndex
            value.encode(into: &buffer, context: context)
            buffer.setInteger(Int32(buffer.writerIndex - start), at: lengthIndex, as: Int32.self)
        }
    }
}

extension PostgresStore {
    /// Runs `body` in a read-only REPEATABLE READ transaction: several statements that must see
    /// one snapshot (a run's series and then its days; a count and then its page) while another
    /// replica may be saving or pruning runs of the same shop.
    func forecastSnapshotRead<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction { connection in
            try await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            return try await body(connection)
        }
    }

    /// Serializes the writes of one kind for one shop across processes until the transaction
    /// ends (`pg_advisory_xact_lock` on a key hashed from `kind` and the shop id).
    static func planningShopLock(_ connection: PostgresConnection, kind: String, shopID: Int64, logger: Logger) async throws {
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(kind), \(shopID)))", logger: logger)
    }

    /// Runs `ANALYZE table` in this transaction when the planner's row count for it is missing or
    /// smaller than the `adding` rows this transaction just wrote.
    ///
    /// Why: every `forecast_days` row is checked against `forecast_series` by the foreign key, with
    /// a plan cached per connection. Without statistics (a new database, or a first large run not
    /// yet seen by autovacuum) the planner costs `forecast_series_rank` (shop, run, expected units)
    /// as cheaply as the primary key and picks it: each check then walks every series of the run,
    /// and a 20,000-series run took minutes instead of a second. ANALYZE sees this transaction's own
    /// rows and invalidates the cached plans. In steady state (the table already holds runs of
    /// this size) it does not run; when it does, it holds the table's SHARE UPDATE EXCLUSIVE lock
    /// until commit, which only other ANALYZEs and vacuums wait for.
    static func analyzeIfGrowing(_ connection: PostgresConnection, table: String, adding: Int, logger: Logger) async throws {
        guard adding > 0 else { return }
        let known = try await connection.rows("""
            SELECT reltuples::float8 FROM pg_class WHERE oid = to_regclass(\(table))
            """, logger: logger).first?.decode(Double.self) ?? -1
        // reltuples is -1 before the first ANALYZE or VACUUM (PostgreSQL 14 and later).
        guard known < Double(adding) else { return }
        try await connection.execute("ANALYZE \(unescaped: table)", logger: logger)
    }

    /// Throws `StorageError.unknownShop` unless the shop exists.
    static func requireForecastShop(_ connection: PostgresConnection, _ shopID: Int64, logger: Logger) async throws {
        let rows = try await connection.rows("SELECT 1 FROM shops WHERE id = \(shopID)", logger: logger)
        if rows.isEmpty { throw StorageError.unknownShop(id: shopID) }
    }
}
