import Foundation
import Logging
import Pipeline
import Prometheus
import Storage

/// Everything the HTTP application talks to: the store (through its protocols), the ingest path
/// and the metrics registry. The CLI builds one from configuration; tests build one on a temporary file.
public struct AppDependencies: Sendable {
    public typealias Store = ShopStore & EventLog & ProjectionReader & ForecastStore & DemandHistoryReader & ReplenishmentStore & CustomerValueStore & RecommendationStore

    public let store: any Store
    public let writer: IngestWriter
    public let ingestor: WebhookIngestor
    /// Serves recommendations from memory; its responses go to `recommendationLog`.
    public let recommendations: RecommendationEngine
    /// Writes served recommendations in batches (a service of the application's group).
    public let recommendationLog: RecommendationLogWriter
    /// The registry `/metrics` prints; nil serves an empty page (tests that don't bootstrap metrics).
    public let registry: PrometheusCollectorRegistry?

    public init(store: any Store, configuration: AppConfiguration, registry: PrometheusCollectorRegistry? = nil,
                recommendationOptions: RecommendationOptions = .init(), logger: Logger = Logger(label: "storewise")) {
        self.store = store
        self.recommendationLog = RecommendationLogWriter(
            store: store, retention: recommendationOptions.logRetentionDays > 0 ? .seconds(recommendationOptions.logRetentionDays * 86_400) : nil,
            logger: logger)
        self.recommendations = RecommendationEngine(store: store, options: recommendationOptions, log: recommendationLog, logger: logger)
        self.registry = registry
        self.writer = IngestWriter(log: store, maxBatch: configuration.ingestMaxBatch, logger: logger)
        let privacy = PrivacyRequestHandler(log: store, reader: store, dataDirectory: configuration.dataDirectory, recommendations: store, logger: logger)
        self.ingestor = WebhookIngestor(shops: ShopDirectory(store: store), writer: writer, privacy: privacy, logger: logger)
    }
}
