import ArgumentParser

/// Placeholder until its owner lands it.
struct CustomersCDNOWCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cdnow", abstract: "(in progress)", shouldDisplay: false)
}
