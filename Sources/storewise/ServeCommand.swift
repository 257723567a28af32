import ArgumentParser
import Hummingbird
import Pipeline
import ServiceLifecycle
import Server

/// `storewise serve`: the HTTP server (webhooks, API, dashboard, metrics) with the ingest writer.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the server: webhooks, API, dashboard, /metrics.")

    @Argument(parsing: .allUnrecognized, help: "Configuration flags, e.g. --http-port 9000 --db-url sqlite:data/storewise.sqlite")
    var configuration: [String] = []

    func run() async throws {
        let (runtime, registry) = try await Runtime.start(arguments: configuration, bootstrapMetrics: true)
        let actions = try runtime.actionComponents()
        let dependencies = try runtime.appDependencies(registry: registry, actions: actions)
        let config = runtime.configuration
        let logger = runtime.logger
        let services = try runtime.databaseServices()
            + runtime.backgroundJobs(recommendations: dependencies.recommendations) + runtime.lifecycleServices(dependencies, actions: actions)
            + runtime.actionServices(actions)
        let app = buildApplication(configuration: config, dependencies: dependencies, services: services) { port in
            logger.notice("storewise listening", metadata: ["address": "http://\(config.host):\(port)", "db": "\(config.database)"])
        }
        try await app.runService()
    }
}
