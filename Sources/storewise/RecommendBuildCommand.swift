import ArgumentParser
import Foundation
import Pipeline
import Storage
import Synchronization

/// `storewise recommend build`: precompute a shop's neighbour lists now.
struct RecommendBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Precompute a shop's recommendations: bought together, also bought, complete the look, best sellers, trending.",
        discussion: """
        Reads every order of the shop (test and cancelled orders, gift cards and lines without a \
        product left out) and stores a new model version. `storewise serve` does the same on its \
        own: a full build daily (recommendations.rebuildHours) and, in between, incremental \
        updates from new orders every recommendations.updateSeconds.
        """
    )

    @Option(help: "The shop's domain.") var shop: String
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        try await Self.build(record, store: runtime.store, options: runtime.settings.recommendationOptions())
    }

    /// Runs the full build with a progress line and prints its summary (also used by `demo`).
    @discardableResult
    static func build(_ record: ShopRecord, store: any StorewiseStore, options: RecommendationOptions) async throws -> RecommendationRun {
        let progress = Mutex(ProgressLine("recommendations \(record.shop.domain): orders read", total: nil))
        let state: RecommendationState
        do {
            state = try await RecommendationJob(store: store, options: options).build(shopID: record.id) { orders in
                progress.withLock { $0.update(orders) }
            }
        } catch let error as RecommendationError {
            throw CLIError(error.description)
        }
        let run = state.latestRun
        progress.withLock { $0.finish(run.orders, summary: "built \(run.version)") }
        say("Recommendations \(run.version): \(run.orders) orders, \(run.products) products, \(run.pairs) neighbour entries in \(run.durationMs) ms.")
        return run
    }
}
