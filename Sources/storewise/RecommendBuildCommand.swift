import ArgumentParser

/// Placeholder: replaced by its owner.
struct RecommendBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "(not built yet)")
    func run() throws { throw ValidationError("storewise recommend build is not built yet") }
}
