import ArgumentParser
import Foundation
import Storage

/// `storewise audit list [--shop] [--proposal id]`: audit rows in sequence order.
struct AuditListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List audit rows (oldest first).")

    @Option(help: "The shop's domain (optional when there is one shop).") var shop: String?
    @Option(help: "Only rows of this proposal.") var proposal: Int64?
    @Option(help: "Rows after this sequence number.") var after: Int64 = 0
    @Option(help: "At most this many.") var limit: Int = 200
    @Flag(help: "Print JSON.") var json = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be in 1...100000, got \(limit)") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await ApprovalsFormat.shop(shop, runtime: runtime)
        let rows = try await runtime.store.auditEntries(shopID: record.id, after: after, limit: limit, proposalID: proposal)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        if rows.isEmpty { say("no audit rows" + (proposal.map { " for proposal #\($0)" } ?? "")) }
        for row in rows { say(ApprovalsFormat.auditLine(row)) }
    }
}
