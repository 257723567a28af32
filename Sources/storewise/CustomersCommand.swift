import ArgumentParser

/// `storewise customers`: customer lifetime value, churn risk and RFM segments.
struct CustomersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Customer value: fit buy-till-you-die models, score customers, list segments, export consented audiences.",
        subcommands: [CustomersFitCommand.self, CustomersScoreCommand.self, CustomersSegmentsCommand.self, CustomersExportCommand.self, CustomersCDNOWCommand.self, CustomersSimulateCommand.self]
    )
}
