import ArgumentParser
import Foundation
import Logging
import Storage

/// `storewise db copy --from sqlite:PATH --to postgres://… [--shop DOMAIN …] [--batch 5000]`:
/// moves shops with their whole history from the embedded SQLite file to PostgreSQL, then
/// compares counts, audit chains and projection digests; exits 1 on any mismatch.
struct DbCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Copy shops with their whole history from SQLite to PostgreSQL, then verify the copy.",
        discussion: """
            Stop `storewise serve` on the SQLite file first: the copy is not one snapshot. The target is migrated first; \
            shops it already holds (same id or domain) are refused. Exits non-zero when any count, audit head or digest differs.
            Example: storewise db copy --from sqlite:data/storewise.sqlite --to postgres://storewise@127.0.0.1:5432/storewise
            """)

    @Option(help: "The SQLite database: sqlite:PATH or a file path.") var from: String
    @Option(help: "The PostgreSQL database: postgres://user[:password]@host[:port]/database.") var to: String
    @Option(name: .customLong("shop"), help: "Copy only this shop (repeatable); default: every shop and the rows of no shop.") var shops: [String] = []
    @Option(help: "Rows per transaction.") var batch: Int = 5_000

    func validate() throws {
        guard (1...1_000_000).contains(batch) else { throw ValidationError("--batch must be 1…1000000, got \(batch)") }
    }

    func run() async throws {
        guard case .sqlite(let path) = try DatabaseLocation(parsing: from) else {
            throw ValidationError("--from must be a SQLite database (sqlite:PATH), got \(from)")
        }
        let targetLocation = try DatabaseLocation(parsing: to)
        guard case .postgres(let url) = targetLocation else {
            throw ValidationError("--to must be a postgres:// URL, got \(targetLocation)")
        }
        // Opening a missing path would create an empty database and copy nothing.
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("--from: no SQLite database at \(path)") }
        var logger = Logger(label: "storewise.db-copy")
        logger.logLevel = .notice  // the progress lines say what happens; migrations applied are not news here
        let source = try SQLiteStore(path: path, logger: logger)
        let target = try PostgresStore(url: url, maximumConnections: 4, logger: logger)
        let running = Task { await target.run() }
        defer { running.cancel() }
        do {
            try await target.migrate()
        } catch {
            throw CLIError("could not open \(target.displayURL): \(String(reflecting: error))")
        }
        say("Copying \(shops.isEmpty ? "every shop" : shops.joined(separator: ", ")) from sqlite:\(path) to \(target.displayURL)")
        let copier = DatabaseCopier(source: source, target: target, batchSize: batch, progress: { say($0) })
        let report = try await copier.copy(domains: shops)
        say("")
        say(report.table)
        guard report.isMatching else {
            throw CLIError("the copy does not match the source (see MISMATCH above)")
        }
        say("Copy verified: every count, audit head and projection digest matches.")
    }
}
