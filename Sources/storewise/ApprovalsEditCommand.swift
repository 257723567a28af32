import ArgumentParser
import Foundation
import Pipeline
import ShopifyAdmin

/// `storewise approvals edit <id> --payload-file f.json --reason …`: approves with a changed payload.
struct ApprovalsEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Approve a pending proposal with a changed payload, and execute it.")

    @Argument(help: "The proposal id.") var id: Int64
    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Option(help: "The new payload (JSON file; `storewise approvals show` prints the current one).") var payloadFile: String
    @Option(help: "Why it was changed (recorded in the audit trail).") var reason: String
    @Option(name: .customLong("as"), help: "Who edits (default: the OS user).") var person: String?
    @Flag(help: "Only approve; the server's executor runs it.") var noExecute = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: payloadFile)) } catch {
            throw ValidationError("--payload-file \(payloadFile) cannot be read: \(error.localizedDescription)")
        }
        let payload: JSONValue
        do { payload = try JSONValue.parse(data) } catch {
            throw ValidationError("--payload-file \(payloadFile) is not valid JSON")
        }
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let actions = try runtime.actionComponents()
        let edited = try await ApprovalsFormat.cli {
            try await actions.approvals.edit(shopID: record.id, id: id, payload: payload, by: ApprovalsFormat.actor(person), reason: reason)
        }
        say("proposal #\(edited.id) \(edited.status.rawValue) with an edited payload (sha256 \(edited.editedPayloadHash ?? "?"))")
        if !noExecute { try await ApprovalsExecution.executeNow(edited, actions: actions) }
    }
}
