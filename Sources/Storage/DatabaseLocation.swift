import Foundation

/// Where the database is, from `db.url`: a SQLite file (the embedded default) or a PostgreSQL server.
///
/// Accepted forms: `sqlite:PATH`, `sqlite://PATH`, a plain file path, and
/// `postgres://user[:password]@host[:port]/database` (or `postgresql://`).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public init(parsing text: String) throws {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            _ = try PostgresURL.configuration(value)
            self = .postgres(url: value)
        } else if value.hasPrefix("sqlite://") {
            self = try Self.sqlitePath(String(value.dropFirst("sqlite://".count)), original: text)
        } else if value.hasPrefix("sqlite:") {
            self = try Self.sqlitePath(String(value.dropFirst("sqlite:".count)), original: text)
        } else if value.contains("://") {
            throw DatabaseLocationError(value: text)
        } else {
            self = try Self.sqlitePath(value, original: text)
        }
    }

    private static func sqlitePath(_ path: String, original: String) throws -> DatabaseLocation {
        guard !path.isEmpty else { throw DatabaseLocationError(value: original) }
        return .sqlite(path: path)
    }

    /// The location for logs and status: a SQLite path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): PostgresURL.redacted(url)
        }
    }
}

/// `db.url` is neither a SQLite path nor a postgres:// URL.
public struct DatabaseLocationError: Error, CustomStringConvertible, Sendable {
    public var value: String
    public var description: String {
        "db.url: \(PostgresURL.redacted(value)) is not sqlite:PATH, a file path, or postgres://user@host:port/database"
    }
}
