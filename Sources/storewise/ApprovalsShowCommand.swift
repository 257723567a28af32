import ArgumentParser
import Foundation
import Storage

/// `storewise approvals show <id>`: one proposal with its payload, model, policy rule and audit rows.
struct ApprovalsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one proposal: payload, reason, model, verdict, audit rows.")

    @Argument(help: "The proposal id.") var id: Int64
    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let proposal = try await ApprovalsFormat.proposal(id, shop: record, runtime: runtime)
        let audit = try await runtime.store.auditEntries(shopID: record.id, after: 0, limit: 1000, proposalID: id)
        ApprovalsFormat.printDetail(proposal, audit: audit)
    }
}
