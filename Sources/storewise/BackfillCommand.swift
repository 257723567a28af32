import ArgumentParser
import Foundation
import Pipeline
import ShopifyAdmin
import Synchronization

/// `storewise backfill`: read a shop's history from the Admin API (bulk operations) into the event log.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Backfill a shop's products, customers, inventory and orders from the Shopify Admin API.",
        discussion: """
        Runs one bulk operation per resource (products → customers → inventory → orders), downloads its JSONL \
        under <data.dir>/backfill/<shop>/ and ingests it like webhooks. Safe to kill: a new run resumes from the \
        checkpoint, and events already stored are not stored again. Needs the app installed on the shop (its \
        stored offline token); shopify.adminBaseURL points it at a local fake Shopify.
        """
    )

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "Comma-separated: orders,products,customers,inventory (default all).") var resources: String?
    @Flag(help: "Forget earlier checkpoints and read everything again (stored events still dedupe).") var restart = false
    @Option(help: "Events per ingest batch and checkpoint.") var batchSize: Int = 500
    @Option(help: "Seconds between polls of a running bulk operation.") var pollInterval: Double = 1
    @Flag(help: "Keep the downloaded JSONL files.") var keepFiles = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        if let resources { _ = try BackfillResource.parseList(resources) }
        guard (1...50_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1…50000, got \(batchSize)") }
        guard pollInterval >= 0.05, pollInterval <= 600 else { throw ValidationError("--poll-interval must be 0.05…600 seconds") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let shopify = try runtime.settings.shopifySettings()
        let cipher = try runtime.tokenCipher(shopify)
        let client = try await runtime.adminClients(shopify, cipher: cipher).client(shopID: record.id)
        let options = BackfillOptions(
            resources: try resources.map(BackfillResource.parseList) ?? BackfillResource.runOrder, restart: restart,
            batchSize: batchSize, pollInterval: pollInterval, shopCurrency: record.shop.currency, keepFiles: keepFiles)
        let runner = BackfillRunner(shopID: record.id, shopDomain: record.shop.domain, client: AdminBackfillClient(client: client),
                                    eventLog: runtime.store, checkpoints: runtime.store, dataDirectory: runtime.configuration.dataDirectory,
                                    options: options, logger: runtime.logger)
        let printer = Mutex(BackfillProgressPrinter())
        let summaries: [BackfillResourceSummary]
        do {
            summaries = try await runner.run { progress in printer.withLock { $0.show(progress) } }
        } catch {
            printer.withLock { $0.endLine() }
            throw CLIError("backfill of \(record.shop.domain) stopped: \(error) (run it again to resume)")
        }
        printer.withLock { $0.endLine() }
        say("backfill \(record.shop.domain): done")
        var failed = 0
        for summary in summaries {
            failed += summary.failed
            if summary.alreadyComplete {
                say("  \(summary.resource.rawValue): already complete (\(summary.objects) objects); --restart reads it again")
                continue
            }
            say("  \(summary.resource.rawValue): \(summary.objects) objects · \(summary.stored) events stored · \(summary.duplicates) duplicate"
                + (summary.failed > 0 ? " · \(summary.failed) failed" : "")
                + " · \(BackfillProgressPrinter.seconds(summary.seconds)) s · \(summary.throttledResponses) throttled · "
                + "\(BackfillProgressPrinter.seconds(summary.pacedSeconds)) s paced")
            for reason in summary.failures { say("    failed: \(reason)") }
        }
        if failed > 0 { throw CLIError("\(failed) objects could not be stored (reasons above)") }
    }
}

/// The backfill's progress line: one line per phase change and a few per second while it runs (every
/// 5 s when standard error is not a terminal, so logs stay readable).
struct BackfillProgressPrinter {
    let interactive = isatty(STDERR_FILENO) != 0
    var lastPrint = Date.distantPast
    var lastKey = ""
    var open = false

    mutating func show(_ progress: BackfillProgress) {
        let key = "\(progress.resource.rawValue) \(progress.phase.rawValue)"
        let now = Date()
        guard key != lastKey || now.timeIntervalSince(lastPrint) >= (interactive ? 0.2 : 5) else { return }
        lastPrint = now
        lastKey = key
        var text = "backfill \(progress.resource.rawValue): \(progress.phase.rawValue)"
        switch progress.phase {
        case .bulkRunning: text += " · \(progress.objectCount) objects so far"
        case .downloading: text += " · \(progress.objectCount) objects"
        case .ingesting, .completed:
            let total = progress.rootObjectCount.map { "/\($0)" } ?? ""
            text += " · \(progress.rootsDone)\(total) · \(progress.stored) stored · \(progress.duplicates) duplicate · \(Int(progress.rate))/s"
        }
        text += " · \(progress.client.requests) requests · \(progress.client.throttledResponses) throttled · \(Self.seconds(progress.client.pacedSeconds)) s paced"
        FileHandle.standardError.write(Data(((interactive ? "\r\u{1B}[2K" : "") + text + (interactive ? "" : "\n")).utf8))
        open = interactive
    }

    mutating func endLine() {
        if open { FileHandle.standardError.write(Data("\n".utf8)) }
        open = false
    }

    /// One decimal, without `String(format:)`.
    static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
