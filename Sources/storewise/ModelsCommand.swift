import ArgumentParser

/// `storewise models`: the model registry: versions, aliases, promotion history, training,
/// proposals, rollouts, monitoring and alerts.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Model registry and lifecycle: versions, aliases, promote, rollback, history, training, monitoring.",
        discussion: """
        Every model Storewise trains (forecast, customer-value, recommendations) is registered per shop as an immutable \
        version with its parameters, data identity, holdout metrics and artifact. The `champion` alias is what is \
        served; `challenger` waits for promotion (or gets a canary or shadow share); `previous` is what `rollback` \
        restores. Every alias move is appended to the promotion history.
          storewise models list --shop my-shop.myshopify.com
          storewise models promote --shop my-shop.myshopify.com --kind forecast --version 4 --reason "beats v3 on December"
          storewise models rollback --shop my-shop.myshopify.com --kind forecast --reason "stockouts after v4"
        """,
        subcommands: [ModelsListCommand.self, ModelsShowCommand.self, ModelsPromoteCommand.self, ModelsRollbackCommand.self,
                      ModelsHistoryCommand.self, ModelsTrainCommand.self, ModelsProposalsCommand.self, ModelsRolloutCommand.self,
                      ModelsMonitorCommand.self, ModelsAlertsCommand.self, ModelsJobsCommand.self, ModelsBenchRouterCommand.self]
    )
}
