import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Keeps every installed shop's recommendations fresh: a full build when a shop has none in
/// memory (first pass after start) or its last full build is older than `rebuildInterval`, and
/// in between, every `interval`, an incremental update from the orders that arrived since.
///
/// After writing a version it drops the engine's cached snapshot of that shop, so this process
/// serves the new lists at once; other processes see the version change on their next check.
public struct RecommendationService: Service {
    let store: any RecommendationJob.Store & ShopStore
    let options: RecommendationOptions
    let interval: Duration
    let rebuildInterval: TimeInterval
    let engine: RecommendationEngine?
    let logger: Logger

    public init(store: any RecommendationJob.Store & ShopStore, options: RecommendationOptions = .init(), interval: Duration = .seconds(30),
                rebuildInterval: TimeInterval = 24 * 3600, engine: RecommendationEngine? = nil,
                logger: Logger = Logger(label: "storewise.recommendations")) {
        self.store = store; self.options = options; self.interval = interval; self.rebuildInterval = rebuildInterval
        self.engine = engine; self.logger = logger
    }

    public func run() async throws {
        var states: [Int64: RecommendationState] = [:]
        // The first pass (a full build of every shop) comes a few seconds after start.
        await PeriodicPasses.run(first: min(interval, .seconds(5)), every: interval) {
            await pass(states: &states)
        }
    }

    /// One pass over the installed shops; returns the versions written.
    @discardableResult
    public func pass(states: inout [Int64: RecommendationState]) async -> [String] {
        var written: [String] = []
        let job = RecommendationJob(store: store, options: options, logger: logger)
        let shops: [ShopRecord]
        do {
            shops = try await store.shops()
        } catch {
            logger.warning("recommendation pass failed; retrying next interval", metadata: ["error": "\(error)"])
            return []
        }
        for shop in shops where shop.uninstalledAt == nil {
            guard !Task.isShuttingDownGracefully else { break }
            do {
                if var state = states[shop.id], Date().timeIntervalSince(state.builtAt) < rebuildInterval {
                    if let run = try await job.update(&state) {
                        written.append(run.version)
                        engine?.invalidate(shopID: shop.id)
                    }
                    states[shop.id] = state
                } else {
                    let state = try await job.build(shopID: shop.id)
                    states[shop.id] = state
                    written.append(state.latestRun.version)
                    engine?.invalidate(shopID: shop.id)
                }
            } catch RecommendationError.noBaskets {
                continue  // nothing sold yet; tried again next pass
            } catch {
                states[shop.id] = nil
                logger.warning("recommendations not updated", metadata: ["shop": "\(shop.id)", "error": "\(error)"])
            }
        }
        return written
    }
}
