import ArgumentParser
import Foundation
import Pipeline

/// `storewise approvals reject <id> --reason …`: the proposal never reaches Shopify.
struct ApprovalsRejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a pending proposal (a reason is required).")

    @Argument(help: "The proposal id.") var id: Int64
    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Option(help: "Why (required; recorded in the audit trail).") var reason: String
    @Option(name: .customLong("as"), help: "Who rejects (default: the OS user).") var person: String?
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must not be empty") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let actions = try runtime.actionComponents()
        let rejected = try await ApprovalsFormat.cli {
            try await actions.approvals.reject(shopID: record.id, id: id, by: ApprovalsFormat.actor(person), reason: reason)
        }
        say("proposal #\(rejected.id) \(rejected.status.rawValue) by \(rejected.decidedBy ?? "?"): \(reason)")
    }
}
