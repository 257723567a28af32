import Foundation
import Logging
import Pipeline
import Prometheus
import Storage

/// Everything the HTTP application talks to: the store (through its protocols), the ingest path
/// and the metrics registry. The CLI builds one from configuration; tests build one on a temporary file.
public struct AppDependencies: Sendable {
    public typealias Store = LifecycleStore & ProjectionReader & ReplenishmentStore

    public let store: any Store
    public let writer: IngestWriter
    public let ingestor: WebhookIngestor
    /// Serves recommendations from memory; its responses go to `recommendationLog`.
    public let recommendations: RecommendationEngine
    /// Writes served recommendations in batches (a service of the application's group).
    public let recommendationLog: RecommendationLogWriter
    /// The registry `/metrics` prints; nil serves an empty page (tests that don't bootstrap metrics).
    public let registry: PrometheusCollectorRegistry?
    /// The model kinds, and the registry operations over them (promote, rollback, train, proposals).
    public let kinds: ModelKinds
    public let lifecycle: ModelLifecycle
    /// Resolves which registered version serves each prediction (a service: it polls for alias moves).
    public let router: ServingRouter
    /// Writes sampled predictions in batches (a service of the application's group).
    public let predictionLog: BatchedLog<PredictionLogEntry>
    /// The Shopify app install routes (`/shopify/install`, `/shopify/callback`); nil leaves them out
    /// (no `shopify.clientID`/`clientSecret`/`appURL` configured).
    public var shopifyApp: ShopifyAppSetup?
    /// The approval queue and the executor of approved actions (`/api/v1/approvals`, the dashboard
    /// inbox); nil leaves those routes out. `Runtime` sets them from `approvals.*` and `shopify.*`.
    public var approvals: ApprovalService?
    public var executor: ActionExecutor?
    /// Order and POS risk scoring: scores orders/create as it is ingested (with `scoreRiskOnIngest`),
    /// answers POS pre-checks, and proposes assessments through `approvals` when given at init.
    public let risk: RiskService
    /// What a POS pre-check answers for each level (`risk.precheckHigh` / `risk.precheckMedium`).
    public var riskPrecheck = RiskPrecheckPolicy()

    public init(store: any Store, configuration: AppConfiguration, registry: PrometheusCollectorRegistry? = nil,
                recommendationOptions: RecommendationOptions = .init(), kinds: ModelKinds? = nil, lifecycleOptions: LifecycleOptions = .init(),
                predictionLogRetentionDays: Int = 90, proposeOnIngest: Bool = false, approvals: ApprovalService? = nil,
                scoreRiskOnIngest: Bool = true, riskOptions: RiskServiceOptions = .init(), logger: Logger = Logger(label: "storewise")) {
        self.store = store
        let kinds = kinds ?? ModelKinds.standard(store: store, forecast: .init(), customers: .init(), recommendations: recommendationOptions)
        self.kinds = kinds
        self.lifecycle = ModelLifecycle(store: store, kinds: kinds, options: lifecycleOptions, logger: logger)
        self.predictionLog = ServingRouter.predictionLog(store: store, retentionDays: predictionLogRetentionDays, logger: logger)
        self.router = ServingRouter(registry: store, log: predictionLog, logger: logger)
        self.recommendationLog = RecommendationLogWriter(
            store: store, retention: recommendationOptions.logRetentionDays > 0 ? .seconds(recommendationOptions.logRetentionDays * 86_400) : nil,
            logger: logger)
        self.recommendations = RecommendationEngine(store: store, options: recommendationOptions, log: recommendationLog, logger: logger)
        self.registry = registry
        self.writer = IngestWriter(log: store, maxBatch: configuration.ingestMaxBatch, logger: logger)
        // With the approval queue on, each stored order or customer update queues a "propose" job:
        // the proposers run in the job worker, never inside the webhook request.
        // Risk scoring runs in the observer too: features and score before the webhook is
        // answered, the assessment's write and proposal after (see `RiskService`).
        self.approvals = approvals
        self.risk = RiskService(store: store, approvals: approvals, options: riskOptions, logger: logger)
        let privacy = PrivacyRequestHandler(log: store, reader: store, dataDirectory: configuration.dataDirectory, recommendations: store,
                                            risk: risk, logger: logger)
        var observers: [any IngestObserver] = []
        if proposeOnIngest { observers.append(IngestProposalTrigger(jobs: store, logger: logger)) }
        if scoreRiskOnIngest { observers.append(RiskIngestObserver(service: risk, logger: logger)) }
        let observer: (any IngestObserver)? = observers.isEmpty ? nil : observers.count == 1 ? observers[0] : IngestObservers(observers)
        self.ingestor = WebhookIngestor(shops: ShopDirectory(store: store), writer: writer, privacy: privacy, observer: observer, logger: logger)
    }
}
