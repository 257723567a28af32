import Foundation
import Logging
import Metrics
import Pipeline
import Prometheus
import Server
import ServiceLifecycle
import Storage

/// The process-wide pieces every command shares: settings, logging, metrics and the store.
struct Runtime {
    let settings: Settings
    let configuration: AppConfiguration
    /// The database through its protocols: SQLite (default) or PostgreSQL, per `db.url`.
    let store: any StorewiseStore
    /// The SQLite store when `db.url` is SQLite (WAL checkpoints, SQLite-only commands).
    let sqlite: SQLiteStore?
    /// The PostgreSQL store when `db.url` is PostgreSQL, and the task running its client.
    let postgres: (store: PostgresStore, task: Task<Void, Never>)?
    let logger: Logger

    /// Loads configuration, bootstraps logging once, and opens (and migrates) the database.
    static func start(arguments: [String], bootstrapMetrics: Bool = false) async throws -> (Runtime, PrometheusCollectorRegistry?) {
        let settings = try await Settings.load(arguments: arguments)
        let configuration = try settings.appConfiguration()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        var registry: PrometheusCollectorRegistry?
        if bootstrapMetrics {
            let prometheus = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))
            registry = prometheus
        }
        var logger = Logger(label: "storewise")
        logger.logLevel = configuration.logLevel
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        switch configuration.database {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: path, synchronous: configuration.synchronousFull ? .full : .normal, logger: logger)
            return (Runtime(settings: settings, configuration: configuration, store: store, sqlite: store, postgres: nil, logger: logger), registry)
        case .postgres(let url):
            let store = try PostgresStore(url: url, maximumConnections: try settings.int("db.maxConnections", default: 20, range: 1...1000),
                                          logger: Logger(label: "storewise.postgres"))
            // The client runs from here on: migrations and one-shot commands need it before any
            // service starts. `serve` and `worker` put `DatabaseLifetimeService` first in their
            // ServiceGroup, so it closes last on shutdown.
            let task = Task { await store.run() }
            do {
                try await store.migrate()
            } catch {
                task.cancel()
                throw CLIError("could not open \(store.displayURL): \(String(reflecting: error))")
            }
            return (Runtime(settings: settings, configuration: configuration, store: store, sqlite: nil, postgres: (store, task), logger: logger), registry)
        }
    }

    /// The services that keep the database healthy, first in a ServiceGroup: WAL checkpoints on
    /// SQLite, the connection pool's lifetime on PostgreSQL.
    func databaseServices() -> [any Service] {
        if let sqlite {
            return [WALCheckpointService(store: sqlite, interval: configuration.checkpointInterval, logger: logger)]
        }
        if let postgres {
            return [DatabaseLifetimeService(store: postgres.store, task: postgres.task, logger: logger)]
        }
        return []
    }

    /// The SQLite store, or an error naming the command that needs it.
    func requireSQLite(_ command: String) throws -> SQLiteStore {
        guard let sqlite else { throw CLIError("\(command) runs on the embedded SQLite database only (db.url is \(configuration.database))") }
        return sqlite
    }

    /// The jobs `serve` and `demo` run beside the HTTP server: customer rescoring after ingest
    /// every `customers.scoreIntervalMinutes` (default 60; 0 turns it off), and recommendations
    /// rebuilt every `recommendations.rebuildHours` (default 24) and updated from new orders every
    /// `recommendations.updateSeconds` (default 30; 0 turns both off).
    func backgroundJobs(recommendations engine: RecommendationEngine? = nil) throws -> [any Service] {
        var jobs: [any Service] = []
        let minutes = try settings.int("customers.scoreIntervalMinutes", default: 60, range: 0...10080)
        if minutes > 0 {
            jobs.append(CustomerScoringService(store: store, options: try settings.customerOptions(), interval: .seconds(minutes * 60), logger: logger))
        }
        let seconds = try settings.int("recommendations.updateSeconds", default: 30, range: 0...86_400)
        if seconds > 0 {
            let hours = try settings.int("recommendations.rebuildHours", default: 24, range: 1...720)
            jobs.append(RecommendationService(store: store, options: try settings.recommendationOptions(), interval: .seconds(seconds),
                                              rebuildInterval: TimeInterval(hours * 3600), engine: engine, logger: logger))
        }
        // Behind one lease: of all replicas on the database, one scores and rebuilds at a time.
        return leaderElected("background", jobs, leaseSeconds: try settings.lifecycleOptions().leaderLeaseSeconds)
    }

    /// This process's name in leader leases: "<hostname>:<pid>:<8 hex>".
    static let processOwner = JobWorker.defaultOwner()

    /// `services` run only while this process holds the leader lease `name` (none when empty).
    func leaderElected(_ name: String, _ services: [any Service], leaseSeconds: Double) -> [any Service] {
        guard !services.isEmpty else { return [] }
        let gate = LeadershipGate(name: name, store: store, owner: Self.processOwner, leaseSeconds: leaseSeconds, logger: logger)
        return [LeaderElected(gate: gate, services: services, logger: logger)]
    }

    /// The model lifecycle's services `serve` and `demo` run: the job worker (training and
    /// monitor jobs) and the scheduler (cadence, catalog-change and drift triggers, hourly
    /// monitoring) behind the leader lease "scheduler". `lifecycle.enabled=false` turns both off
    /// (a deployment whose jobs run in `storewise worker` processes).
    /// With `actions`, the worker also runs the proposers' "propose" jobs.
    func lifecycleServices(_ dependencies: AppDependencies, actions: ActionComponents? = nil) throws -> [any Service] {
        guard try settings.choice("lifecycle.enabled", default: "true", among: ["true", "false"]) == "true" else { return [] }
        return jobWorkers(dependencies.lifecycle, actions: actions, count: 1) + electedScheduler(dependencies.lifecycle)
    }

    /// `count` job workers (each its own lease owner) over the lifecycle's handlers: training
    /// (and its shards), monitoring, and with `actions` the "propose" jobs.
    func jobWorkers(_ lifecycle: ModelLifecycle, actions: ActionComponents?, count: Int) -> [any Service] {
        let notifier = alertNotifier(lifecycle.options)
        // Large forecast trainings split into shards any worker runs (lifecycle.shardSeries).
        let training = TrainingRunner(store: store, kinds: lifecycle.kinds, options: lifecycle.options, sharding: true, logger: logger)
        var handlers: [any JobHandler] = [
            // With the approval queue, a successful training queues the proposals that follow from it (win-back offers).
            actions == nil ? training : ProposalFollowUp(wrapping: training, jobs: store, logger: logger),
            TrainingShardRunner(store: store, kinds: lifecycle.kinds, options: lifecycle.options, logger: logger),
            TrainingMergeRunner(store: store, kinds: lifecycle.kinds, options: lifecycle.options, logger: logger),
            ModelMonitor(store: store, kinds: lifecycle.kinds, options: lifecycle.options, notifier: notifier, logger: logger),
        ]
        if let actions { handlers.append(proposalHandler(actions)) }
        return (0..<count).map { _ in
            JobWorker(store: store, handlers: handlers, options: lifecycle.options, notifier: notifier, logger: logger)
        }
    }

    /// The lifecycle scheduler behind the leader lease "scheduler": of all replicas, one enqueues.
    func electedScheduler(_ lifecycle: ModelLifecycle) -> [any Service] {
        let scheduler = LifecycleScheduler(store: store, lifecycle: lifecycle, notifier: alertNotifier(lifecycle.options), logger: logger)
        return leaderElected("scheduler", [scheduler], leaseSeconds: lifecycle.options.leaderLeaseSeconds)
    }

    func alertNotifier(_ options: LifecycleOptions) -> AlertNotifier? {
        return AlertNotifier(webhookURL: options.webhookURL, webhookSecret: options.webhookSecret, store: store, logger: logger)
    }

    /// The application's dependencies with this deployment's model kinds and lifecycle options.
    /// With `actions`, the approval queue, executor and install routes too.
    func appDependencies(registry: PrometheusCollectorRegistry?, actions: ActionComponents? = nil) throws -> AppDependencies {
        var dependencies = AppDependencies(store: store, configuration: configuration, registry: registry,
                        recommendationOptions: try settings.recommendationOptions(), kinds: try modelKinds(),
                        lifecycleOptions: try settings.lifecycleOptions(),
                        predictionLogRetentionDays: try settings.int("lifecycle.predictionLogRetentionDays", default: 90, range: 0...3650),
                        proposeOnIngest: actions != nil, approvals: actions?.approvals,
                        scoreRiskOnIngest: try settings.riskSettings().scoreOnIngest,
                        logger: logger)
        dependencies.riskPrecheck = try settings.riskSettings().precheck
        if try settings.riskSettings().scoreOnIngest {
            // Each installed shop's risk state is replayed from its log now, in the background,
            // so the first orders/create after a start does not wait for the replay.
            let risk = dependencies.risk, store = self.store, logger = self.logger
            Task.detached(priority: .utility) {
                for shop in (try? await store.shops()) ?? [] where shop.uninstalledAt == nil {
                    do {
                        try await risk.warmUp(shopID: shop.id)
                    } catch {
                        logger.warning("risk state not warmed", metadata: ["shop": "\(shop.id)", "error": "\(String(reflecting: error))"])
                    }
                }
            }
        }
        if let actions {
            dependencies.approvals = actions.approvals
            dependencies.executor = actions.executor
            dependencies.shopifyApp = shopifyAppSetup(actions)
        }
        return dependencies
    }

    /// The shop named by `domain`, or an error that says how to add it.
    func shop(_ domain: String) async throws -> ShopRecord {
        guard let record = try await store.shop(domain: domain.lowercased()) else {
            throw CLIError("no shop \(domain); add it with `storewise shops add --domain \(domain) …`")
        }
        return record
    }
}

/// A user-facing error of the CLI: printed as is, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
