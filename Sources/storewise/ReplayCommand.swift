import ArgumentParser
import Foundation
import Synchronization

/// `storewise replay`: rebuild a shop's projections from its event log.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild a shop's projections by replaying its event log.",
        discussion: "Fixes a projection bug after an upgrade: projections are derived data, the event log is the truth."
    )

    @Option(help: "The shop's domain.") var shop: String
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let before = try await runtime.store.projectionDigest(shopID: record.id)
        let progress = Mutex(ProgressLine("replay \(record.shop.domain)", total: nil))
        try await runtime.store.rebuildProjections(shopID: record.id) { done, total in
            progress.withLock { line in
                if line.total == nil { line = ProgressLine("replay \(record.shop.domain)", total: total) }
                line.update(done)
            }
        }
        let after = try await runtime.store.projectionDigest(shopID: record.id)
        let events = try await runtime.store.eventCount(shopID: record.id)
        progress.withLock { $0.finish(events, summary: before == after ? "projections unchanged" : "projections changed (digest \(before.prefix(12)) → \(after.prefix(12)))") }
    }
}
