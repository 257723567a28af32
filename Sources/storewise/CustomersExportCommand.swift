import ArgumentParser
import CustomerValue
import Foundation
import Server
import Storage

/// `storewise customers export`: a segment's consented audience as the CSV or JSON marketing tools import.
struct CustomersExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a segment's consented audience as CSV (Klaviyo, Mailchimp) or JSON.",
        discussion: """
        Only customers whose consent on the channel is "subscribed" (read now, so a later \
        unsubscribe is honoured) and who have the channel's address are written. The same file \
        as GET /api/v1/customers/export. Segments: \(RFMSegment.allCases.map(\.rawValue).joined(separator: ", ")), or all.
        """
    )

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "A segment name, or all.") var segment = "all"
    @Option(help: "email or sms: whose consent counts.") var channel = "email"
    @Option(help: "csv or json.") var format = "csv"
    @Option(help: "Write here (a file, or a folder for the default file name); '-' for standard output.") var out = "."
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        if segment != "all", RFMSegment(rawValue: segment) == nil {
            throw ValidationError("--segment must be all or one of \(RFMSegment.allCases.map(\.rawValue).joined(separator: ", ")), got '\(segment)'")
        }
        if MarketingChannel(rawValue: channel) == nil { throw ValidationError("--channel must be email or sms, got '\(channel)'") }
        if AudienceExportFile.Format(rawValue: format) == nil { throw ValidationError("--format must be csv or json, got '\(format)'") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        guard let run = try await runtime.store.latestCustomerValueRun(shopID: record.id) else {
            throw CLIError("shop \(shop) has no scoring run yet: run storewise customers score --shop \(shop)")
        }
        let chosen = segment == "all" ? nil : segment
        let marketing = MarketingChannel(rawValue: channel) ?? .email
        let members = try await runtime.store.audience(shopID: record.id, segment: chosen, channel: marketing)
        let file = try AudienceExportFile(
            members: members, run: run, segment: chosen, channel: marketing, format: AudienceExportFile.Format(rawValue: format) ?? .csv,
            currency: run.currency, day: Self.today(timeZone: record.shop.timeZone))
        if out == "-" {
            FileHandle.standardOutput.write(file.data)
            return
        }
        var isDirectory: ObjCBool = false
        let path = FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) && isDirectory.boolValue
            ? (out as NSString).appendingPathComponent(file.fileName) : out
        try file.data.write(to: URL(fileURLWithPath: path), options: .atomic)
        let total = try await runtime.store.customerScores(shopID: record.id, query: CustomerScoreQuery(segment: chosen, limit: 0)).total
        say("Wrote \(path): \(members.count) of \(total) customers\(chosen.map { " in \($0)" } ?? "") allow \(marketing.rawValue) marketing.")
    }

    static func today(timeZone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let p = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", p.year ?? 1970, p.month ?? 1, p.day ?? 1)
    }
}
