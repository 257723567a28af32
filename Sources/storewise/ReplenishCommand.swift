import ArgumentParser

/// `storewise replenish`: reorder points, purchase-order drafts and their proof by simulation.
struct ReplenishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replenish",
        abstract: "Replenishment: reorder points and purchase-order suggestions, and the simulation that checks them.",
        subcommands: [ReplenishPlanCommand.self, ReplenishOrdersCommand.self, ReplenishSettingsCommand.self, ReplenishCalibrateCommand.self, ReplenishSimulateCommand.self]
    )
}
