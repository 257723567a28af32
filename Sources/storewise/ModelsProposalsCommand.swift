import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise models proposals`: candidates waiting for a person; approve promotes, reject leaves
/// the champion alone.
struct ModelsProposalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "proposals", abstract: "List promotion proposals, or approve / reject one.")

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "Approve this proposal: its version becomes the champion.") var approve: Int64?
    @Option(help: "Reject this proposal: nothing moves.") var reject: Int64?
    @Option(help: "A note recorded with the decision.") var note: String?
    @Flag(help: "Show decided proposals too.") var all = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        if approve != nil, reject != nil { throw ValidationError("give --approve or --reject, not both") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        if let id = approve ?? reject {
            let lifecycle = try runtime.lifecycle()
            let moves = try await ModelsFormat.cli {
                try await lifecycle.decideProposal(shopID: record.id, id: id, approve: approve != nil, by: Runtime.cliActor, note: note)
            }
            say(approve != nil ? "proposal #\(id) approved" : "proposal #\(id) rejected")
            ModelsFormat.printMoves(moves, none: approve != nil ? "nothing moved" : "the champion stays")
            return
        }
        let proposals = try await runtime.store.promotionProposals(shopID: record.id, status: all ? nil : .pending, limit: 100)
        if proposals.isEmpty { say(all ? "no proposals" : "no pending proposals") }
        for proposal in proposals {
            let values = [proposal.candidateValue.map { "v\(proposal.version) \(ModelsFormat.decimal($0, 4))" },
                          proposal.championValue.map { "champion v\(proposal.championVersion ?? 0) \(ModelsFormat.decimal($0, 4))" }]
                .compactMap { $0 }.joined(separator: " vs ")
            say("#\(proposal.id)  \(proposal.kind) v\(proposal.version)  \(proposal.status.rawValue)  \(proposal.metric): \(values)  \(ModelsFormat.time(proposal.createdAt))")
            say("     \(proposal.reason)" + (proposal.decidedBy.map { " — decided by \($0)" + (proposal.decisionNote.map { ": \($0)" } ?? "") } ?? ""))
        }
    }
}
