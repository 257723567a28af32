import Configuration
import Foundation
import Storage
import Logging
import Server
import SystemPackage

/// Storewise's configuration, read through swift-configuration in this order: command-line
/// flags (`--http-port 9000`), environment (`STOREWISE_HTTP_PORT=9000`), a `.env` file in the
/// working directory, then the defaults below. Every key is listed in the README's table.
struct Settings {
    let reader: ConfigReader

    /// Loads the providers; `arguments` are the flags the command itself did not recognise.
    static func load(arguments: [String]) async throws -> Settings {
        let dotenv = try await EnvironmentVariablesProvider(environmentFilePath: FilePath(".env"), allowMissing: true)
        let reader = ConfigReader(providers: [
            CommandLineArgumentsProvider(arguments: ["storewise"] + arguments, secretsSpecifier: .specific(["--shopify-client-secret"])),
            EnvironmentVariablesProvider(secretsSpecifier: .dynamic { key, _ in key.contains("SECRET") }).prefixKeys(with: "storewise"),
            dotenv.prefixKeys(with: "storewise"),
        ])
        return Settings(reader: reader)
    }

    func string(_ key: String, default value: String) -> String {
        reader.string(forKey: ConfigKey(key), default: value)
    }

    func optionalString(_ key: String) -> String? {
        reader.string(forKey: ConfigKey(key)).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An integer key; a value that is not an integer in range is an error naming the key.
    func int(_ key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = optionalString(key) else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            throw SettingsError(key: key, value: raw, expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }

    /// One of a fixed set of words.
    func choice(_ key: String, default value: String, among choices: [String]) throws -> String {
        guard let raw = optionalString(key)?.lowercased() else { return value }
        guard choices.contains(raw) else {
            throw SettingsError(key: key, value: raw, expected: "one of \(choices.joined(separator: ", "))")
        }
        return raw
    }

    /// The application configuration from `http.*`, `db.*`, `data.*`, `ingest.*` and `log.*`.
    func appConfiguration() throws -> AppConfiguration {
        let dataDir = string("data.dir", default: "data")
        let level = try choice("log.level", default: "info", among: Logger.Level.allCases.map(\.rawValue))
        var configuration = AppConfiguration(
            host: string("http.host", default: "127.0.0.1"),
            port: try int("http.port", default: 8080, range: 0...65535),
            database: try database(dataDir: dataDir),
            synchronousFull: try choice("db.synchronous", default: "full", among: ["full", "normal"]) == "full",
            dataDirectory: URL(fileURLWithPath: dataDir),
            ingestMaxBatch: try int("ingest.maxBatch", default: 256, range: 1...10_000),
            maxBodyBytes: try int("http.maxBodyBytes", default: 8 << 20, range: 1024...(256 << 20)),
            logLevel: Logger.Level(rawValue: level) ?? .info
        )
        configuration.checkpointInterval = .milliseconds(try int("db.checkpointIntervalMs", default: 250, range: 10...60_000))
        return configuration
    }

    /// `db.url`: `sqlite:PATH`, a plain path, or `postgres://user@host:port/database`; defaults to
    /// `<data.dir>/storewise.sqlite`.
    private func database(dataDir: String) throws -> DatabaseLocation {
        guard let url = optionalString("db.url") else { return .sqlite(path: dataDir + "/storewise.sqlite") }
        do {
            return try DatabaseLocation(parsing: url)
        } catch {
            throw SettingsError(key: "db.url", value: url, expected: "sqlite:PATH, a file path, or postgres://user[:password]@host[:port]/database")
        }
    }
}

/// A configuration value that can't be used, naming the key and what it should be.
struct SettingsError: Error, CustomStringConvertible {
    var key: String
    var value: String
    var expected: String

    var description: String {
        "configuration \(key) (flag --\(Self.words(key, "-").lowercased()), env STOREWISE_\(Self.words(key, "_").uppercased())) is '\(value)': expected \(expected)"
    }

    /// "ingest.maxBatch" → "ingest-max-Batch" style word split, as swift-configuration encodes keys.
    static func words(_ key: String, _ separator: String) -> String {
        var out = ""
        var previous: Character?
        for character in key {
            if character == "." {
                out += separator
            } else {
                if let previous, previous.isLowercase, character.isUppercase { out += separator }
                out.append(character)
            }
            previous = character
        }
        return out
    }
}
