import ArgumentParser

/// Placeholder: replaced by its owner.
struct RecommendEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "(not built yet)")
    func run() throws { throw ValidationError("storewise recommend evaluate is not built yet") }
}
