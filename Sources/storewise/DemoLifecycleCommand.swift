import ArgumentParser
import Commerce
import Foundation
import Hummingbird
import Pipeline
import Server
import ServiceLifecycle
import Simulation
import Storage
import Synchronization

/// `storewise demo-lifecycle`: a simulated shop lives through a catalog change and a demand
/// shift while the model lifecycle watches it: the first versions are trained and promoted, the
/// catalog change trips the retraining trigger, the demand shift raises drift and live-accuracy
/// alerts and a retrain, the candidate waits as challenger (or is promoted when clearly better),
/// a person promotes it, then rolls back, and everything lands in the promotion history.
///
/// Time is the simulation's: each phase ends at a simulated "now" and every lifecycle step is
/// given that instant, so the history reads like weeks of a real shop while the demo takes minutes.
struct DemoLifecycleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-lifecycle",
        abstract: "Run a simulated shop through a catalog change and a demand shift and show the model lifecycle react.",
        discussion: """
        Phase 1: 364 days of history; the first forecast, customer-value and recommendations versions are trained, \
        evaluated on a time holdout, registered and promoted. Phase 2: on day 364 products are added and some repriced \
        (more than 5 % of the catalog); a week later the scheduler retrains and a person promotes the new forecast. Phase 3: from day 392 buyers \
        want other things (more equipment, less coffee, more orders); on day 420 the monitor reports drift and live \
        error, the scheduler retrains, a person promotes the challenger and then rolls it back. The dashboard is served \
        at the end (use --no-serve in scripts).
        """)

    static let domain = "storewise-lifecycle.myshopify.com"
    static let days = 420
    static let catalogDay = 364
    static let retrainDay = 371
    static let shiftDay = 392

    @Option(help: "Simulator seed: the same seed gives the same shop.") var seed: UInt64 = 42
    @Flag(help: "Stop after the scenario instead of serving the dashboard (for scripts).") var noServe = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func run() async throws {
        let (runtime, registry) = try await Runtime.start(arguments: configuration, bootstrapMetrics: true)
        let store = runtime.store
        let simulator = StoreSimulator(configuration: try Self.simulation(seed: seed))
        if let existing = try await store.shop(domain: Self.domain) {
            try await store.deleteShopData(shopID: existing.id)
            say("Deleted the previous lifecycle demo shop.")
        }
        var shop = simulator.shop
        shop.domain = Self.domain
        shop.onlineLocationID = simulator.warehouseLocationID
        let token = APIToken.generate()
        let secret = "lifecycle-secret-\(seed)"
        let record = try await store.createShop(shop, webhookSecret: secret, apiTokenHash: APIToken.hash(token), at: Date())

        let dependencies = try runtime.appDependencies(registry: registry)
        let config = runtime.configuration
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = buildApplication(configuration: config, dependencies: dependencies,
                                   services: runtime.databaseServices()) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: runtime.logger))
        let noServe = noServe
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var port = config.port
            for await bound in portStream { port = bound }
            let scenario = LifecycleScenario(store: store, dependencies: dependencies, shopID: record.id, domain: Self.domain,
                                             secret: secret, simulator: simulator, logger: runtime.logger)
            try await scenario.run()
            let host = config.host == "0.0.0.0" ? "127.0.0.1" : config.host
            say("")
            say("Dashboard: http://\(host):\(port)/dashboard/\(Self.domain)/models?token=\(token)")
            say("CLI:       storewise models list --shop \(Self.domain) ; storewise models history --shop \(Self.domain)")
            say("API:       curl -H 'Authorization: Bearer \(token)' http://\(host):\(port)/api/v1/models/history")
            if noServe {
                await services.triggerGracefulShutdown()
            } else {
                say("Serving; press Ctrl-C to stop.")
            }
            try await group.next()
        }
    }

    /// The demo shop, smaller than `storewise demo`'s so each training takes seconds, ending
    /// today, with the catalog change and the demand shift.
    static func simulation(seed: UInt64) throws -> SimulationConfiguration {
        var simulation = SimulationConfiguration.demo
        simulation.seed = seed
        simulation.days = days
        simulation.productCount = 60
        simulation.posLocationCount = 1
        simulation.customerCount = 2_500
        simulation.averageOrdersPerDay = 45
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: simulation.timeZone) ?? .gmt
        let today = calendar.startOfDay(for: Date())
        simulation.startDate = calendar.date(byAdding: .day, value: -days, to: today) ?? today
        simulation.catalogEvents = [CatalogEvent(day: catalogDay, addProducts: 6, repriceShare: 0.05, priceFactor: 1.15)]
        simulation.demandShifts = [DemandShift(startDay: shiftDay, demandMultiplier: 2.5,
                                               productTypeMultipliers: ["Brewing": 6, "Mugs": 4, "Coffee": 0.3], unitsPerLineMultiplier: 1.6)]
        return simulation
    }
}
