import ArgumentParser
import Pipeline
import Storage

/// `storewise models history`: the promotion history (every alias move), newest first.
struct ModelsHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show the promotion history: who moved which alias, when, from → to, why.")

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "Only this kind.") var kind: String?
    @Option(help: "Only this alias.") var alias: String?
    @Option(help: "Rows shown.") var limit: Int = 50
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be in 1...10000, got \(limit)") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        if let kind { _ = try ModelsFormat.requireKind(kind, in: try runtime.modelKinds()) }
        let moves = try await runtime.store.aliasHistory(shopID: record.id, kind: kind, alias: alias, limit: limit)
        if moves.isEmpty { say("no alias has moved yet") ; return }
        say(pad("when", 21) + pad("kind", 17) + pad("alias", 12) + pad("move", 12) + pad("action", 14) + pad("who", 18) + "why")
        for move in moves { say(ModelsFormat.moveLine(move)) }
    }
}
