import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `storewise approvals list`: proposals of a shop, pending first by default.
struct ApprovalsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List proposals (default: pending).")

    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Option(help: "Only this status: pending, approved, rejected, expired, executing, executed, failed, or all.") var status: String = "pending"
    @Option(help: "Only this action type (\(ActionType.allCases.map(\.rawValue).joined(separator: ", "))).") var type: String?
    @Option(help: "At most this many.") var limit: Int = 50
    @Flag(help: "Print JSON (one object with rows and total).") var json = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        if status != "all", ProposalStatus(rawValue: status) == nil {
            throw ValidationError("--status must be all or one of \(ProposalStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(status)'")
        }
        if let type, ActionType(rawValue: type) == nil {
            throw ValidationError("--type must be one of \(ActionType.allCases.map(\.rawValue).joined(separator: ", ")), got '\(type)'")
        }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be in 1...10000, got \(limit)") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let query = ProposalQuery(statuses: status == "all" ? nil : [ProposalStatus(rawValue: status)!], actionType: type, limit: limit)
        let (rows, total) = try await runtime.store.proposals(shopID: record.id, query: query)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            struct Listing: Encodable { var shop: String; var total: Int; var rows: [ActionProposal] }
            print(String(decoding: try encoder.encode(Listing(shop: record.shop.domain, total: total, rows: rows)), as: UTF8.self))
            return
        }
        let counts = try await runtime.store.proposalCounts(shopID: record.id)
        say("\(record.shop.domain): " + ProposalStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }.joined(separator: ", "))
        if rows.isEmpty { say("no \(status == "all" ? "" : status + " ")proposals" + (type.map { " of type \($0)" } ?? "")) }
        for proposal in rows { say(ApprovalsFormat.line(proposal)) }
        if total > rows.count { say("… \(total - rows.count) more (--limit)") }
    }
}
