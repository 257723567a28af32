import ArgumentParser
import Commerce
import Foundation
import Pipeline
import Synchronization

/// `storewise import FILE --shop DOMAIN`: a Shopify orders CSV export or a JSONL file of payloads.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Shopify's orders CSV export or a JSONL file of webhook payloads.",
        discussion: """
        Every record goes through the same decode-and-store path as webhooks. Bad rows are listed \
        with line number and reason; good rows are kept; importing the same file again adds nothing. \
        Exits 3 when some rows were rejected.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @Argument(help: "The file to import.") var file: String
    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "csv (Shopify's orders export) or jsonl; guessed from the file name when omitted.") var format: Format?
    @Option(help: "Topic of bare JSONL payloads (lines without a {\"topic\",\"payload\"} wrapper).") var topic: String = "orders/create"
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.isReadableFile(atPath: url.path) else { throw CLIError("cannot read \(file)") }
        let format = format ?? (url.pathExtension.lowercased() == "csv" ? .csv : .jsonl)
        let importer = Importer(log: runtime.store, reader: runtime.store, logger: runtime.logger)
        let report: ImportReport
        switch format {
        case .csv:
            let progress = Mutex(ProgressLine("import \(url.lastPathComponent)", total: nil))
            let data = try Data(contentsOf: url)
            report = try await importer.importOrdersCSV(data, shop: record) { done, total in
                progress.withLock { line in
                    if line.total == nil { line = ProgressLine("import \(url.lastPathComponent)", total: total) }
                    line.update(done)
                }
            }
            progress.withLock { $0.finish(report.stored + report.duplicates, summary: "orders") }
        case .jsonl:
            let progress = Mutex(ProgressLine("import \(url.lastPathComponent) (lines)", total: nil))
            report = try await importer.importJSONL(url, shop: record, defaultTopic: WebhookTopic(topic)) { lines in
                progress.withLock { $0.update(lines) }
            }
            progress.withLock { $0.finish(report.stored + report.duplicates + report.rejected, summary: "lines") }
        }
        print("stored \(report.stored) new, \(report.duplicates) already present, \(report.rejected) rejected")
        for problem in report.problems.prefix(100) {
            print("  rejected \(problem)")
        }
        if report.problems.count > 100 { print("  … and \(report.problems.count - 100) more") }
        if report.rejected > 0 { throw ExitCode(3) }
    }
}
