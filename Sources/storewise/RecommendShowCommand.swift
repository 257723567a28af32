import ArgumentParser

/// Placeholder: replaced by its owner.
struct RecommendShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "(not built yet)")
    func run() throws { throw ValidationError("storewise recommend show is not built yet") }
}
