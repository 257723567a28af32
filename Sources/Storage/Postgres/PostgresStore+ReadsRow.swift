import Foundation
import PostgresNIO

/// A row of an explicit column list, read by column name: projection reads have too many
/// columns for tuple decoding. Instants come back as `Date`, 0/1 flags as `Bool`.
struct ProjectionRow {
    private let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) { cells = PostgresRandomAccessRow(row) }

    /// The column's value (`String?` for a nullable text column, `Int64`, `Int` …).
    func callAsFunction<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try cells[column].decode(T.self)
    }

    /// A BIGINT-milliseconds instant, nil for NULL.
    func date(_ column: String) throws -> Date? {
        try self(column, as: Int64?.self).map(Date.init(storageMilliseconds:))
    }

    /// A NOT NULL instant; a NULL (which the schema forbids) names the column.
    func requiredDate(_ column: String) throws -> Date {
        guard let date = try date(column) else { throw PostgresStoreError("\(column) is NULL where a time is required") }
        return date
    }

    /// A 0/1 BIGINT flag.
    func flag(_ column: String) throws -> Bool {
        try self(column, as: Int64.self) != 0
    }
}
