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
    let store: SQLiteStore
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
        let directory = URL(fileURLWithPath: configuration.databasePath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: configuration.databasePath, synchronous: configuration.synchronousFull ? .full : .normal, logger: logger)
        return (Runtime(settings: settings, configuration: configuration, store: store, logger: logger), registry)
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
        return jobs
    }

    /// The model lifecycle's services `serve` and `demo` run: the job worker (training and
    /// monitor jobs) and the scheduler (cadence, catalog-change and drift triggers, hourly
    /// monitoring). `lifecycle.enabled=false` turns both off (a deployment whose training runs
    /// on separate worker machines).
    /// With `actions`, the worker also runs the proposers' "propose" jobs.
    func lifecycleServices(_ dependencies: AppDependencies, actions: ActionComponents? = nil) throws -> [any Service] {
        guard try settings.choice("lifecycle.enabled", default: "true", among: ["true", "false"]) == "true" else { return [] }
        let lifecycle = dependencies.lifecycle
        let notifier = AlertNotifier(webhookURL: lifecycle.options.webhookURL, webhookSecret: lifecycle.options.webhookSecret, store: store, logger: logger)
        let training = TrainingRunner(store: store, kinds: lifecycle.kinds, options: lifecycle.options, logger: logger)
        var handlers: [any JobHandler] = [
            // With the approval queue, a successful training queues the proposals that follow from it (win-back offers).
            actions == nil ? training : ProposalFollowUp(wrapping: training, jobs: store, logger: logger),
            ModelMonitor(store: store, kinds: lifecycle.kinds, options: lifecycle.options, notifier: notifier, logger: logger),
        ]
        if let actions { handlers.append(proposalHandler(actions)) }
        return [
            JobWorker(store: store, handlers: handlers, options: lifecycle.options, notifier: notifier, logger: logger),
            LifecycleScheduler(store: store, lifecycle: lifecycle, notifier: notifier, logger: logger),
        ]
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
