import Foundation
import PostgresNIO

/// Parses `postgres://` URLs into a client configuration.
enum PostgresURL {
    static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme, scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresStoreError("db.url: \(redacted(url)) is not a postgres:// URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresStoreError("db.url: \(redacted(url)) names no host")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        default: throw PostgresStoreError("db.url: sslmode=\(mode) is not one of disable, prefer, require")
        }
        return PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: user, password: password,
                                            database: database.isEmpty ? nil : database, tls: tls)
    }

    /// The URL with its password replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
