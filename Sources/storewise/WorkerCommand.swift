import ArgumentParser
import Pipeline
import ServiceLifecycle

/// `storewise worker`: a process that runs jobs and no HTTP server. Several workers (and `serve`
/// replicas) share one database: jobs are leased (on PostgreSQL with `FOR UPDATE SKIP LOCKED`),
/// the scheduler and the periodic background jobs run on the one process holding their leader
/// lease (see docs/scale-out.md).
///
/// ```
/// storewise worker --db-url postgres://storewise@db/storewise --worker-concurrency 4
/// ```
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run job workers, the lifecycle scheduler and the background jobs (no HTTP server).",
        discussion: """
        Runs worker.concurrency job workers (default 2) over training (and its shards), monitoring and proposal jobs; \
        the scheduler behind the leader lease "scheduler" and customer scoring and recommendation rebuilds behind \
        "background", so each runs on one process at a time. SIGTERM or SIGINT stops gracefully: running jobs are \
        given back to the queue and the leases released. With dedicated workers, run `serve` replicas with \
        --lifecycle-enabled false.
        """)

    @Argument(parsing: .allUnrecognized, help: "Configuration flags, e.g. --db-url postgres://… --worker-concurrency 4")
    var configuration: [String] = []

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let concurrency = try runtime.settings.int("worker.concurrency", default: 2, range: 1...256)
        let actions = try runtime.actionComponents()
        let lifecycle = try runtime.lifecycle()
        // The database first: the ServiceGroup stops services in reverse order, so it closes last.
        let services = runtime.databaseServices()
            + runtime.jobWorkers(lifecycle, actions: actions, count: concurrency)
            + runtime.electedScheduler(lifecycle)
            + (try runtime.backgroundJobs())
        runtime.logger.notice("storewise worker started", metadata: [
            "db": "\(runtime.configuration.database)", "workers": "\(concurrency)", "owner": "\(Runtime.processOwner)",
        ])
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: runtime.logger))
        try await group.run()
        runtime.logger.notice("storewise worker stopped")
    }
}
