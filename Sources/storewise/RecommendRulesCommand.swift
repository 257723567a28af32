import ArgumentParser

/// Placeholder: replaced by its owner.
struct RecommendRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "(not built yet)")
    func run() throws { throw ValidationError("storewise recommend rules is not built yet") }
}
