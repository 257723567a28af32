import ArgumentParser

/// The `storewise` command: one binary for the server, the demo and operations.
@main
struct Storewise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storewise",
        abstract: "Self-hosted ML for Shopify stores: ingest, forecast, recommend, score, act.",
        discussion: """
        Configuration comes from flags (--http-port 9000), the environment (STOREWISE_HTTP_PORT=9000), \
        a .env file in the working directory, then defaults. See the README's configuration table.
        """,
        subcommands: [DemoCommand.self, ServeCommand.self, WorkerCommand.self, ImportCommand.self, ShopsCommand.self, StatusCommand.self, ReplayCommand.self, SimulateCommand.self, ForecastCommand.self, BacktestCommand.self, ReplenishCommand.self, CustomersCommand.self, RecommendCommand.self, ModelsCommand.self, DemoLifecycleCommand.self, ApprovalsCommand.self, AuditCommand.self, BackfillCommand.self, FakeShopifyCommand.self, RiskBenchCommand.self, RiskCommand.self, CapacityBenchCommand.self,
                      ScaleSetupCommand.self, ScaleLoadCommand.self, DbCommand.self]
    )
}
