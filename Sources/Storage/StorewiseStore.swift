/// Every storage protocol at once: what one database gives the application. `SQLiteStore` and
/// `PostgresStore` both conform, and pass one conformance suite (`StorageTests`, run on each).
public typealias StorewiseStore = EventLog & ShopStore & ProjectionReader & DemandHistoryReader & ForecastStore
    & ReplenishmentStore & CustomerValueStore & RecommendationStore & ModelRegistry & JobQueue & ModelMonitoringStore
    & PredictionLogStore & LifecycleInputs & ApprovalStore & AuditLog & ShopCredentialStore & BackfillStore & RiskStore
    & LeaderLeaseStore & TrainingShardStore
