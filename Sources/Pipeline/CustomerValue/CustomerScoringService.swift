import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Rescores customers after ingest: every `interval` (the first time a minute after start) it
/// looks at each installed shop and runs ``CustomerScoringJob`` for those whose event log grew
/// since their latest scoring run (or that have none). Shops are scored one after another, so scoring never takes more than the job's
/// own threads from the webhook path; a shop that cannot be scored (too few customers) is
/// logged and tried again when more events arrive.
public struct CustomerScoringService: Service {
    let store: any CustomerScoringJob.Store
    let options: CustomerScoringJob.Options
    let interval: Duration
    let logger: Logger

    public init(store: any CustomerScoringJob.Store, options: CustomerScoringJob.Options = .init(), interval: Duration = .seconds(3600),
                logger: Logger = Logger(label: "storewise.customers")) {
        self.store = store
        self.options = options
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        // Event counts of shops that could not be scored, so they are not retried until new data arrives.
        var refused: [Int64: Int] = [:]
        // The first pass comes a minute after start (or sooner with a shorter interval), so a
        // restarted server catches up on orders that arrived while it was down.
        await PeriodicPasses.run(first: min(interval, .seconds(60)), every: interval) {
            await scoreChangedShops(refused: &refused)
        }
    }

    /// One pass over the shops; returns the shops scored.
    @discardableResult
    public func scoreChangedShops(refused: inout [Int64: Int]) async -> [Int64] {
        var scored: [Int64] = []
        do {
            for shop in try await store.shops() where shop.uninstalledAt == nil {
                guard !Task.isShuttingDownGracefully else { break }
                let events = try await store.eventCount(shopID: shop.id)
                let latest = try await store.latestCustomerValueRun(shopID: shop.id)
                guard events > (latest?.eventCount ?? 0), refused[shop.id] != events else { continue }
                do {
                    try await CustomerScoringJob(store: store, options: options, logger: logger).run(shopID: shop.id)
                    refused[shop.id] = nil
                    scored.append(shop.id)
                } catch let error as CustomerScoringJobError {
                    refused[shop.id] = events
                    logger.info("customers not scored", metadata: ["shop": "\(shop.id)", "reason": "\(error)"])
                }
            }
        } catch {
            logger.warning("customer scoring pass failed; retrying next interval", metadata: ["error": "\(String(reflecting: error))"])
        }
        return scored
    }
}
