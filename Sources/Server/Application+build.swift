import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the router with every route Storewise serves. Tests call this with `app.test(.router)`.
public func buildRouter(_ dependencies: AppDependencies, configuration: AppConfiguration) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: CSRFMiddleware(maxBodyBytes: configuration.maxBodyBytes))
    WebhookController(ingestor: dependencies.ingestor, maxBodyBytes: configuration.maxBodyBytes).addRoutes(to: router)
    if let shopifyApp = dependencies.shopifyApp { OAuthController(setup: shopifyApp).addRoutes(to: router) }
    HealthController(shops: dependencies.store, registry: dependencies.registry).addRoutes(to: router)
    ReadAPIController(shops: dependencies.store, reader: dependencies.store).addRoutes(to: router)
    ForecastAPIController(shops: dependencies.store, forecasts: dependencies.store, demand: dependencies.store, router: dependencies.router).addRoutes(to: router)
    ReplenishmentAPIController(shops: dependencies.store, replenishment: dependencies.store).addRoutes(to: router)
    ReplenishmentSettingsAPIController(shops: dependencies.store, replenishment: dependencies.store).addRoutes(to: router)
    PurchaseOrderAPIController(shops: dependencies.store, replenishment: dependencies.store, reader: dependencies.store).addRoutes(to: router)
    CustomerScoreController(shops: dependencies.store, customers: dependencies.store, router: dependencies.router).addRoutes(to: router)
    CustomerAPIController(shops: dependencies.store, customers: dependencies.store).addRoutes(to: router)
    RecommendationAPIController(shops: dependencies.store, customers: dependencies.store, engine: dependencies.recommendations).addRoutes(to: router)
    AppProxyController(shops: dependencies.store, engine: dependencies.recommendations).addRoutes(to: router)
    let models = ModelsAPIController(shops: dependencies.store, registry: dependencies.store, monitoring: dependencies.store,
                                     jobs: dependencies.store, lifecycle: dependencies.lifecycle)
    models.addRoutes(to: router)
    let risk = RiskAPIController(shops: dependencies.store, risk: dependencies.risk, policy: dependencies.riskPrecheck)
    risk.addRoutes(to: router)
    if let approvals = dependencies.approvals, let executor = dependencies.executor {
        ApprovalsAPIController(shops: dependencies.store, approvals: approvals, executor: executor, audit: approvals.store).addRoutes(to: router)
    }
    let dashboard = DashboardController(shops: dependencies.store, reader: dependencies.store, forecasts: dependencies.store, demand: dependencies.store)
    dashboard.addRoutes(to: router)
    dashboard.addReplenishmentRoutes(to: router, replenishment: dependencies.store)
    dashboard.addCustomerRoutes(to: router, customers: dependencies.store)
    dashboard.addRecommendationRoutes(to: router, engine: dependencies.recommendations)
    dashboard.addModelRoutes(to: router, models: models)
    dashboard.addRiskRoutes(to: router, risk: dependencies.risk, registry: dependencies.store, approvals: dependencies.approvals?.store, policy: risk.policy)
    if let approvals = dependencies.approvals, let executor = dependencies.executor {
        let inbox = ApprovalsAPIController(shops: dependencies.store, approvals: approvals, executor: executor, audit: approvals.store)
        dashboard.addApprovalRoutes(to: router, api: inbox)
    }
    return router
}

/// Builds the whole application: HTTP server plus the ingest writer, as services of one group.
///
/// ```swift
/// let app = buildApplication(configuration: config, dependencies: deps)
/// try await app.runService()
/// ```
public func buildApplication(
    configuration: AppConfiguration,
    dependencies: AppDependencies,
    services: [any Service] = [],
    onServerRunning: (@Sendable (Int) async -> Void)? = nil
) -> some ApplicationProtocol {
    var logger = Logger(label: "storewise")
    logger.logLevel = configuration.logLevel
    let router = buildRouter(dependencies, configuration: configuration)
    // The writer comes first: the group stops services in reverse order, so the HTTP server
    // stops accepting before the writer drains and closes.
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "storewise"),
        services: [dependencies.writer, dependencies.recommendationLog, dependencies.predictionLog, dependencies.router] + services,
        onServerRunning: { channel in await onServerRunning?(channel.localAddress?.port ?? 0) },
        logger: logger
    )
    app.logger.logLevel = configuration.logLevel
    return app
}
