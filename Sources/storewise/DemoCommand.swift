import ArgumentParser
import Commerce
import Foundation
import Hummingbird
import ServiceLifecycle
import Pipeline
import Server
import Simulation
import Synchronization

/// `storewise demo`: a simulated coffee shop with two years of history, ingested through the
/// real webhook path, then served with its dashboard.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a demo shop from the store simulator, ingest two years of history, then serve the dashboard."
    )

    static let domain = "storewise-demo.myshopify.com"

    @Option(help: "Simulator seed: the same seed gives the same shop.") var seed: UInt64 = 42
    @Option(help: "Days of history to simulate.") var days: Int = 730
    @Flag(help: "Delete the demo shop first and ingest its history again.") var reset = false
    @Flag(help: "Stop after ingesting instead of serving (for scripts).") var noServe = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard (1...3650).contains(days) else { throw ValidationError("--days must be in 1...3650, got \(days)") }
    }

    func run() async throws {
        let (runtime, registry) = try await Runtime.start(arguments: configuration, bootstrapMetrics: true)
        let store = runtime.store
        var simulation = SimulationConfiguration.demo
        simulation.seed = seed
        simulation.days = days
        // A shop sees a little fraud: stolen cards, card testing, POS refund and override abuse, with
        // chargebacks weeks later. The risk model learns from those labels; legitimate orders and
        // stock are the same as without it (fraud draws from its own random streams).
        simulation.fraud = .standard
        // History that ends today, so the dashboard looks like a live shop.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: simulation.timeZone) ?? .gmt
        let today = calendar.startOfDay(for: Date())
        simulation.startDate = calendar.date(byAdding: .day, value: -days, to: today) ?? today
        let simulator = StoreSimulator(configuration: simulation)

        if reset, let existing = try await store.shop(domain: Self.domain) {
            try await store.deleteShopData(shopID: existing.id)
            say("Deleted the previous demo shop.")
        }
        let token = APIToken.generate()
        let secret = "demo-secret-\(seed)"
        var shop = simulator.shop
        shop.domain = Self.domain
        // Online orders name no location; the simulator ships them from its warehouse.
        shop.onlineLocationID = simulator.warehouseLocationID
        let record: ShopRecordBox
        if let existing = try await store.shop(domain: Self.domain) {
            try await store.setAPITokenHash(shopID: existing.id, hash: APIToken.hash(token))
            record = ShopRecordBox(id: existing.id, secret: existing.webhookSecret, alreadyLoaded: try await store.eventCount(shopID: existing.id) > 0)
        } else {
            let created = try await store.createShop(shop, webhookSecret: secret, apiTokenHash: APIToken.hash(token), at: Date())
            record = ShopRecordBox(id: created.id, secret: secret, alreadyLoaded: false)
        }

        // The shop's Shopify is a local fake holding the same simulated store, so the action loop
        // (webhooks in, proposals, approvals, write-back out) runs here without a real store.
        say("Starting a local fake Shopify with the simulated shop…")
        let fake = try await Self.startShopify(simulator: simulator, secret: record.secret)
        // The approval queue too: proposals from the proposers land in the inbox; purchase orders go to the outbox.
        let actions = try runtime.actionComponents(adminBaseURL: fake.baseURL)
        try await Self.connect(fake, shopID: record.id, store: store, cipher: actions.cipher)
        let dependencies = try runtime.appDependencies(registry: registry, actions: actions)
        let config = runtime.configuration
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let background = try runtime.databaseServices()
            + runtime.backgroundJobs(recommendations: dependencies.recommendations) + runtime.lifecycleServices(dependencies, actions: actions)
            + runtime.actionServices(actions)
        let app = buildApplication(configuration: config, dependencies: dependencies, services: background) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let noServe = noServe
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: runtime.logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var port = config.port
            for await bound in portStream { port = bound }
            if record.alreadyLoaded {
                say("The demo shop already holds its history (use --reset to ingest it again).")
            } else {
                try await ingestHistory(simulator: simulator, dependencies: dependencies, secret: record.secret, days: days)
            }
            // One forecast run, so the dashboard's forecast page has something to show.
            let hasForecast = try await store.latestForecastRun(shopID: record.id) != nil
            if !record.alreadyLoaded || !hasForecast, let shop = try await store.shop(id: record.id) {
                try await ForecastCommand.forecast(shop, store: store, options: runtime.settings.forecastOptions())
            }
            // The merchant's vendor lead times, case packs and costs, then a replenishment plan.
            try await Self.seedReplenishmentSettings(simulator: simulator, store: store, shopID: record.id)
            let hasPlan = try await store.latestReplenishmentPlan(shopID: record.id) != nil
            if !record.alreadyLoaded || !hasPlan, let shop = try await store.shop(id: record.id) {
                // Fit the interval spread on the shop's own last four months (a few seconds), then plan.
                do {
                    try await ReplenishCalibrateCommand.calibrate(
                        shop, store: store, days: 120, series: 150, leadTimes: nil,
                        threads: ProcessInfo.processInfo.activeProcessorCount, dryRun: false)
                } catch let error as CLIError {
                    say("Interval spread not calibrated (\(error.description)); plans use 1.")
                }
                try await ReplenishPlanCommand.plan(shop, store: store, options: runtime.settings.replenishmentOptions())
            }
            // Customer value: churn risk, CLV and segments for every customer.
            let hasScores = try await store.latestCustomerValueRun(shopID: record.id) != nil
            if !record.alreadyLoaded || !hasScores, let shop = try await store.shop(id: record.id) {
                try await CustomersScoreCommand.score(shop, store: store, options: runtime.settings.customerOptions())
            }
            // Recommendations: bought together, also bought, complete the look, best sellers.
            let hasRecommendations = try await store.latestRecommendationRun(shopID: record.id) != nil
            if !record.alreadyLoaded || !hasRecommendations, let shop = try await store.shop(id: record.id) {
                try await RecommendBuildCommand.build(shop, store: store, options: runtime.settings.recommendationOptions())
            }
            let loop = try await Self.runActionLoop(fake: fake, simulator: simulator, runtime: runtime, actions: actions,
                                                    dependencies: dependencies, shopID: record.id, port: port)
            let bestSeller = try await store.recommendationPopular(shopID: record.id).first { $0.kind == "popular" }?.productID
            let stats = try await store.stats(shopID: record.id)
            say("")
            say("Demo shop \(Self.domain): \(stats.orders) orders, \(stats.customers) customers, \(stats.products) products, \(stats.locations) locations, \(stats.events) events.")
            say("API token (new for this run): \(token)")
            say("Dashboard: http://\(config.host == "0.0.0.0" ? "127.0.0.1" : config.host):\(port)/dashboard/\(Self.domain)?token=\(token)")
            say("API:       curl -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(port)/api/v1/sales")
            say("Forecasts: the dashboard's \"Demand forecasts\" link, or curl -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(port)/api/v1/forecasts")
            say("Customers: the dashboard's \"Customers\" link, curl -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(port)/api/v1/customers/segments, or storewise customers segments --shop \(Self.domain)")
            say("Reorder:   the dashboard's \"Replenishment\" link, curl -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(port)/api/v1/replenishment, or storewise replenish orders --shop \(Self.domain)")
            if let bestSeller {
                say("Recommend: the dashboard's \"Recommendations\" link, curl -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(port)/api/v1/recommendations/products/\(bestSeller), or storewise recommend show --shop \(Self.domain) --product \(bestSeller)")
            }
            say("Shopify:   a local fake at \(loop.shopifyURL.absoluteString) plays the shop's Shopify: \(loop.webhooksRegistered) webhook topics subscribed, \(loop.newOrders) customers ordered again just now, \(loop.mutations) approved changes written back so far.")
            let waiting = loop.pendingByType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            let done = loop.counts[.executed, default: 0]
            say("Approve:   \(loop.counts[.pending, default: 0]) proposals wait for a person (\(waiting.isEmpty ? "none" : waiting)); \(done) approved by policy and carried out (purchase orders in \(loop.outbox.path)).")
            say("           The dashboard's \"Approvals\" link, curl -H 'Authorization: Bearer \(token)' http://127.0.0.1:\(port)/api/v1/approvals, or storewise approvals list --shop \(Self.domain)")
            try await Self.demoRisk(runtime: runtime, dependencies: dependencies, shopID: record.id, port: port, token: token)
            if noServe {
                await fake.stop()
                await services.triggerGracefulShutdown()
            } else {
                say("Serving; press Ctrl-C to stop.")
            }
            try await group.next()
        }
    }

    private func ingestHistory(simulator: StoreSimulator, dependencies: AppDependencies, secret: String, days: Int) async throws {
        say("Simulating \(days) days of \(simulator.shop.name) and delivering them as signed webhooks…")
        let progress = Mutex(ProgressLine("ingest", total: nil))
        // Timestamps in the shop's own offset, as Shopify writes them.
        let zone = TimeZone(identifier: simulator.shop.timeZone) ?? .gmt
        let deliveries = simulator.events().lazy.map { event in
            WebhookFeeder.Delivery(topic: event.topic, webhookID: event.webhookID, body: event.body(timeZone: zone))
        }
        let feeder = WebhookFeeder(ingestor: dependencies.ingestor, concurrency: 64)
        let result = try await feeder.feed(deliveries, shopDomain: Self.domain, secret: secret) { done in
            progress.withLock { $0.update(done) }
        }
        progress.withLock { $0.finish(result.stored + result.duplicates, summary: "\(result.stored) webhooks stored") }
    }
}

/// What the demo needs to know of its shop.
private struct ShopRecordBox: Sendable {
    var id: Int64
    var secret: String
    var alreadyLoaded: Bool
}
