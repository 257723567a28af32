import ArgumentParser

/// Placeholder until its owner lands it.
struct CustomersSimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "(in progress)", shouldDisplay: false)
}
