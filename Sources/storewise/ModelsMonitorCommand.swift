import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise models monitor`: runs the monitor now for a shop: drift of each champion's inputs
/// and predictions (Evidently's default tests) and live accuracy, raising alerts as the server would.
struct ModelsMonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "monitor", abstract: "Check drift and live accuracy of a shop's champions now.")

    @Option(help: "The shop's domain.") var shop: String
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let lifecycle = try runtime.lifecycle()
        let notifier = AlertNotifier(webhookURL: lifecycle.options.webhookURL, webhookSecret: lifecycle.options.webhookSecret,
                                     store: runtime.store, logger: runtime.logger)
        let monitor = ModelMonitor(store: runtime.store, kinds: lifecycle.kinds, options: lifecycle.options, notifier: notifier, logger: runtime.logger)
        let summary = try await monitor.check(shopID: record.id, now: Date())
        if summary.kinds.isEmpty { say("no champion to check yet") }
        for result in summary.kinds {
            var line = "\(result.kind) v\(result.version):"
            if let share = result.driftShare {
                line += " input drift in \(ModelsFormat.decimal(share * 100, 0)) % of columns" + (result.datasetDrift == true ? " (dataset drift)" : "")
            }
            if let drift = result.predictionDrift { line += drift ? ", prediction drift" : ", predictions stable" }
            if let live = result.liveMetrics {
                line += ", live " + live.sorted { $0.key < $1.key }.map { "\($0.key) \(ModelsFormat.decimal($0.value, 4))" }.joined(separator: " ")
            }
            say(line)
            for note in result.notes { say("  \(note)") }
            for alert in result.alerts { say("  alert raised: \(alert)") }
        }
    }
}
