import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise approvals approve <id>`: approves a pending proposal and executes it at once.
struct ApprovalsApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a pending proposal and execute it now.")

    @Argument(help: "The proposal id.") var id: Int64
    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Option(help: "Why (recorded in the audit trail).") var reason: String?
    @Option(name: .customLong("as"), help: "Who approves (default: the OS user).") var person: String?
    @Flag(help: "Only approve; the server's executor runs it.") var noExecute = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let actions = try runtime.actionComponents()
        let approved = try await ApprovalsFormat.cli {
            try await actions.approvals.approve(shopID: record.id, id: id, by: ApprovalsFormat.actor(person), reason: reason)
        }
        say("proposal #\(approved.id) \(approved.status.rawValue) by \(approved.decidedBy ?? "?")")
        if !noExecute { try await ApprovalsExecution.executeNow(approved, actions: actions) }
    }
}

/// Runs an approved proposal from the CLI and prints the outcome.
enum ApprovalsExecution {
    static func executeNow(_ proposal: ActionProposal, actions: ActionComponents) async throws {
        guard proposal.status == .approved else { return }
        let result: ActionProposal?
        do {
            result = try await actions.executor.execute(proposalID: proposal.id)
        } catch {
            throw CLIError("proposal #\(proposal.id) is approved but executing it failed: \(error)")
        }
        guard let result else {
            say("proposal #\(proposal.id) is approved; it is not due yet or another executor holds it (the server runs it)")
            return
        }
        switch result.status {
        case .executed: say("executed: \(result.outcome ?? "ok")")
        case .failed: throw CLIError("proposal #\(result.id) failed: \(result.lastError ?? "unknown error")")
        default:
            say("proposal #\(result.id) \(result.status.rawValue)" + (result.lastError.map { ": \($0)" } ?? "")
                + (result.nextAttemptAt.map { "; next attempt \(ModelsFormat.time($0))" } ?? ""))
        }
    }
}
