import Foundation
import Logging
import PostgresNIO

/// The few ways the store talks to the server. Every value goes in as a bind (`\(value)` in a
/// `PostgresQuery` literal); `unescaped:` only for identifiers and SQL the code itself wrote.
extension PostgresStore {
    /// All rows of one statement, on a pooled connection.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await client.query(query, logger: logger).collect()
    }

    /// Runs one statement and drops its rows.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await client.query(query, logger: logger).collect()
    }

    /// The single Int64 of a one-row, one-column query (`SELECT count(*)`, `RETURNING id`), or nil.
    func scalar(_ query: PostgresQuery) async throws -> Int64? {
        try await rows(query).first?.decode(Int64?.self) ?? nil
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws (the error it threw is rethrown, not postgres-nio's wrapper).
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }
}

extension PostgresConnection {
    /// All rows of one statement in this connection's transaction.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }

    /// Runs one statement in this connection's transaction and drops its rows.
    func execute(_ query: PostgresQuery, logger: Logger) async throws {
        _ = try await self.query(query, logger: logger).collect()
    }

    /// The single Int64 of a one-row, one-column query, or nil.
    func scalar(_ query: PostgresQuery, logger: Logger) async throws -> Int64? {
        try await rows(query, logger: logger).first?.decode(Int64?.self) ?? nil
    }
}

extension PSQLError {
    /// The server's SQLSTATE (`23505` unique violation, `40001` serialization failure …), if any.
    var sqlState: String? { serverInfo?[.sqlState] }
    /// A unique constraint refused the row.
    var isUniqueViolation: Bool { sqlState == "23505" }
}

extension Date {
    /// `storageMilliseconds` for a bind: the same BIGINT milliseconds SQLite stores.
    var pgMilliseconds: Int64 { storageMilliseconds }
}
