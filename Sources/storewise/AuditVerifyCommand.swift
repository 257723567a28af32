import ArgumentParser
import Foundation
import Storage

/// `storewise audit verify [--shop]`: recomputes each shop's hash chain; exit 1 with the problems when broken.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify the audit hash chain (exit 1 when a row was edited or deleted).")

    @Option(help: "Only this shop (default: every shop).") var shop: String?
    @Flag(help: "Print JSON.") var json = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let shops = if let shop { [try await runtime.shop(shop)] } else { try await runtime.store.shops() }
        var results: [(ShopRecord, AuditVerification)] = []
        for record in shops {
            results.append((record, try await runtime.store.verifyAudit(shopID: record.id)))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results.map(\.1)), as: UTF8.self))
        } else {
            if results.isEmpty { say("no shops") }
            for (record, result) in results {
                let head = result.headSequence > 0 ? "head #\(result.headSequence) \(result.headHash)" : "empty chain"
                if result.isIntact {
                    say("\(record.shop.domain): intact, \(result.rows) rows checked, \(head)")
                } else {
                    say("\(record.shop.domain): BROKEN, \(result.rows) rows checked, \(result.problems.count) problems, \(head)")
                    for problem in result.problems { say("  row #\(problem.sequence) \(problem.kind): \(problem.detail)") }
                }
            }
        }
        if results.contains(where: { !$0.1.isIntact }) { throw ExitCode(1) }
    }
}
