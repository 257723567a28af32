/// How the model lifecycle trains, promotes, retries and watches (configuration `lifecycle.*`).
public struct LifecycleOptions: Sendable, Hashable {
    /// Days between scheduled retrains of a kind.
    public var cadenceDays = 7
    /// Share of catalog variants added, removed or repriced since the champion's training that
    /// triggers a retrain.
    public var catalogChangeThreshold = 0.05
    /// Relative improvement of the primary holdout metric a candidate needs to be promoted
    /// without a person (0.02: 2 % better).
    public var promotionMargin = 0.02
    /// Job lease, attempts and retry backoff (exponential from the base, capped).
    public var leaseSeconds = 300.0
    public var maxAttempts = 5
    public var backoffBaseSeconds = 30.0
    public var backoffCapSeconds = 3600.0
    /// How often the scheduler and the monitor pass.
    public var schedulerIntervalSeconds = 60.0
    public var monitorIntervalSeconds = 3600.0
    /// Drift windows: the reference is the `referenceWindowDays` before a version's as-of day,
    /// the current window the latest `currentWindowDays`.
    public var referenceWindowDays = 28
    public var currentWindowDays = 7
    /// Live error worse than holdout by more than this share raises an alert.
    public var alertTolerance = 0.08
    /// The leader lease of the scheduler and the background jobs (``LeaderElected``): a replica
    /// that dies hands over within this, one that shuts down at once.
    public var leaderLeaseSeconds = 30.0
    /// A forecast training of a shop with more series than this is split into "train-shard"
    /// jobs of about this many series each, which any worker runs (0: never shard).
    public var shardSeries = 5000
    /// Outgoing alert webhook and its HMAC secret.
    public var webhookURL: String? = nil
    public var webhookSecret: String? = nil

    public init() {}

    /// Checks every option; the error names it.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ reason: String) throws {
            if !ok { throw LifecycleError.invalidOption(name: name, reason: reason) }
        }
        try check(cadenceDays >= 1, "cadenceDays", "must be at least 1, got \(cadenceDays)")
        try check(catalogChangeThreshold > 0 && catalogChangeThreshold <= 1, "catalogChangeThreshold", "must be in (0, 1], got \(catalogChangeThreshold)")
        try check(promotionMargin >= 0 && promotionMargin < 1, "promotionMargin", "must be in [0, 1), got \(promotionMargin)")
        try check(leaseSeconds > 0 && leaseSeconds.isFinite, "leaseSeconds", "must be positive, got \(leaseSeconds)")
        try check(maxAttempts >= 1, "maxAttempts", "must be at least 1, got \(maxAttempts)")
        try check(backoffBaseSeconds >= 0 && backoffBaseSeconds.isFinite, "backoffBaseSeconds", "must be at least 0, got \(backoffBaseSeconds)")
        try check(backoffCapSeconds >= backoffBaseSeconds && backoffCapSeconds.isFinite, "backoffCapSeconds",
                  "must be at least backoffBaseSeconds (\(backoffBaseSeconds)), got \(backoffCapSeconds)")
        try check(schedulerIntervalSeconds > 0 && schedulerIntervalSeconds.isFinite, "schedulerIntervalSeconds", "must be positive, got \(schedulerIntervalSeconds)")
        try check(monitorIntervalSeconds > 0 && monitorIntervalSeconds.isFinite, "monitorIntervalSeconds", "must be positive, got \(monitorIntervalSeconds)")
        try check(referenceWindowDays >= 1, "referenceWindowDays", "must be at least 1, got \(referenceWindowDays)")
        try check(currentWindowDays >= 1, "currentWindowDays", "must be at least 1, got \(currentWindowDays)")
        try check(leaderLeaseSeconds > 0 && leaderLeaseSeconds.isFinite, "leaderLeaseSeconds", "must be positive, got \(leaderLeaseSeconds)")
        try check(shardSeries >= 0, "shardSeries", "must be at least 0 (0: never shard), got \(shardSeries)")
        try check(alertTolerance >= 0 && alertTolerance.isFinite, "alertTolerance", "must be at least 0, got \(alertTolerance)")
        if let url = webhookURL {
            try check(url.hasPrefix("http://") || url.hasPrefix("https://"), "webhookURL", "must be an http(s) URL, got '\(url)'")
        }
    }
}
