import ArgumentParser
import CustomerValue
import Foundation
import Pipeline
import Storage

/// `storewise customers segments`: the RFM segments of the latest scoring run.
struct CustomersSegmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Customers, predicted value and consent per RFM segment (latest scoring run)."
    )

    @Option(help: "The shop's domain.") var shop: String
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        guard let run = try await runtime.store.latestCustomerValueRun(shopID: record.id) else {
            throw CLIError("shop \(shop) has no scoring run yet: run storewise customers score --shop \(shop)")
        }
        let summaries = Dictionary(uniqueKeysWithValues: try await runtime.store.segmentSummaries(shopID: record.id).map { ($0.segment, $0) })
        let formatter = ISO8601DateFormatter()
        say("Scoring run \(run.id) of \(formatter.string(from: run.createdAt)), \(PurchaseModelKind(rawValue: run.model)?.title ?? run.model), \(run.customers) customers.")
        say(pad("segment", 22) + pad("customers", 11) + pad("share", 8) + pad("P(alive)", 10) + pad("email ok", 10) + pad("SMS ok", 8) + pad("12-month CLV", 20) + "spend to date")
        for segment in RFMSegment.allCases {
            let s = summaries[segment.rawValue]
            let count = s?.customers ?? 0
            say(pad(segment.title, 22) + pad("\(count)", 11)
                + pad(String(format: "%.1f %%", run.customers == 0 ? 0 : 100 * Double(count) / Double(run.customers)), 8)
                + pad(s.map { String(format: "%.2f", $0.meanProbabilityAlive) } ?? "–", 10)
                + pad("\(s?.emailConsented ?? 0)", 10) + pad("\(s?.smsConsented ?? 0)", 8)
                + pad(moneyText(s?.lifetimeValueMinor ?? 0, run.currency), 20) + moneyText(s?.spendMinor ?? 0, run.currency))
        }
        say("Export a segment: storewise customers export --shop \(shop) --segment at_risk --channel email")
    }
}
