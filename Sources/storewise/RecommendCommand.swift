import ArgumentParser

/// `storewise recommend`: recommendations (frequently bought together, customers also bought).
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommendations: build neighbour lists, show them, mine association rules, evaluate on held-out orders.",
        subcommands: [RecommendBuildCommand.self, RecommendShowCommand.self, RecommendRulesCommand.self, RecommendEvaluateCommand.self, RecommendPrecomputeCommand.self]
    )
}
