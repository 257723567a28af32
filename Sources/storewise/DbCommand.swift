import ArgumentParser
import Foundation
import Storage

/// `storewise db copy|status`.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Move a SQLite database to PostgreSQL, and show what a database holds.",
        subcommands: [DbCopyCommand.self, Status.self])

    /// `storewise db status`: the backend of `db.url`, its migrations and its tables' row counts.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the database's backend, applied migrations and row counts.")
        @Argument(parsing: .allUnrecognized) var configuration: [String] = []

        func run() async throws {
            let (runtime, _) = try await Runtime.start(arguments: configuration)
            let inventory: DatabaseInventory
            if let sqlite = runtime.sqlite {
                inventory = try await DatabaseInventory.of(sqlite)
            } else if let postgres = runtime.postgres?.store {
                inventory = try await DatabaseInventory.of(postgres)
            } else {
                throw CLIError("no database is open")
            }
            print("Database:   \(runtime.configuration.database) (\(inventory.backend))")
            print("Migrations: \(inventory.migrations.count) applied, last \(inventory.migrations.last ?? "none")")
            for (table, rows) in inventory.counts where rows > 0 {
                print("  " + table.padding(toLength: max(30, table.count + 1), withPad: " ", startingAt: 0) + "\(rows)")
            }
            let empty = inventory.counts.filter { $0.rows == 0 }.count
            if empty > 0 { print("  (\(empty) empty tables)") }
            runtime.postgres?.task.cancel()
        }
    }
}
