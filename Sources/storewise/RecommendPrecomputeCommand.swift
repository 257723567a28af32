import ArgumentParser

/// Placeholder: replaced by its owner.
struct RecommendPrecomputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "precompute", abstract: "(not built yet)")
    func run() throws { throw ValidationError("storewise recommend precompute is not built yet") }
}
