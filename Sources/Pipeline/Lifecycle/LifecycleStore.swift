import Storage

/// Everything the lifecycle and its model kinds read and write: the registry, the job queue,
/// monitoring, the prediction log, the lifecycle inputs, the audit trail (alias moves are audited), and each kind's own store.
/// `SQLiteStore` conforms; tests use a temporary one.
public typealias LifecycleStore = ModelRegistry & JobQueue & ModelMonitoringStore & PredictionLogStore & LifecycleInputs & AuditLog
    & ShopStore & EventLog & ForecastStore & DemandHistoryReader & CustomerValueStore & RecommendationStore & RiskStore
