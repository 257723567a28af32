import ArgumentParser
import Pipeline
import Storage

/// `storewise models promote`: makes a version the champion (the old champion becomes `previous`).
struct ModelsPromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "promote", abstract: "Make a version the champion; the old champion becomes previous.")

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "The model kind.") var kind: String
    @Option(help: "The version to promote.") var version: Int
    @Option(help: "Why (recorded in the promotion history).") var reason: String = "promoted from the CLI"
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let lifecycle = try runtime.lifecycle()
        _ = try ModelsFormat.requireKind(kind, in: lifecycle.kinds)
        let moves = try await ModelsFormat.cli { try await lifecycle.promote(shopID: record.id, kind: kind, version: version, actor: Runtime.cliActor, reason: reason) }
        ModelsFormat.printMoves(moves, none: "\(kind) v\(version) already is the champion")
    }
}

/// `storewise models rollback`: the previous champion back, in one step.
struct ModelsRollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rollback", abstract: "Restore the previous champion in one step.")

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "The model kind.") var kind: String
    @Option(help: "Why (recorded in the promotion history).") var reason: String = "rolled back from the CLI"
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let lifecycle = try runtime.lifecycle()
        _ = try ModelsFormat.requireKind(kind, in: lifecycle.kinds)
        let moves = try await ModelsFormat.cli { try await lifecycle.rollback(shopID: record.id, kind: kind, actor: Runtime.cliActor, reason: reason) }
        ModelsFormat.printMoves(moves, none: "nothing moved")
    }
}

extension ModelsFormat {
    static func printMoves(_ moves: [AliasMove], none: String) {
        if moves.isEmpty { say(none) }
        for move in moves {
            say("\(move.kind) \(move.alias): \(move.fromVersion.map { "v\($0)" } ?? "–") → \(move.toVersion.map { "v\($0)" } ?? "–")")
        }
    }

    /// Runs a lifecycle call and turns its errors into CLI errors (printed as they are).
    static func cli<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LifecycleError {
            throw CLIError(error.description)
        } catch let error as StorageError {
            throw CLIError(error.description)
        }
    }
}
