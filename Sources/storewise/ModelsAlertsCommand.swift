import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise models alerts`: monitoring alerts (drift, live accuracy, dead jobs); resolve one.
struct ModelsAlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alerts", abstract: "List open monitoring alerts, or resolve one.")

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "Resolve this alert.") var resolve: Int64?
    @Flag(help: "Show resolved alerts too.") var all = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        if let resolve {
            guard try await runtime.store.resolveAlert(shopID: record.id, id: resolve, by: Runtime.cliActor, at: Date()) else {
                throw CLIError("no open alert #\(resolve) in shop \(record.shop.domain)")
            }
            say("alert #\(resolve) resolved")
            return
        }
        let alerts = try await runtime.store.modelAlerts(shopID: record.id, openOnly: !all, limit: 200)
        if alerts.isEmpty { say(all ? "no alerts" : "no open alerts") }
        for alert in alerts {
            let state = alert.resolvedAt == nil ? "open" : "resolved by \(alert.resolvedBy ?? "?")"
            say("#\(alert.id)  \(ModelsFormat.time(alert.createdAt))  \(alert.kind)\(alert.version.map { " v\($0)" } ?? "")  \(alert.type) [\(alert.severity)]  \(state)"
                + (alert.notified ? "  webhook sent" : ""))
            say("     \(alert.message)")
        }
    }
}
