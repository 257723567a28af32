/// Tuning of the action executor.
public struct ActionExecutorOptions: Sendable, Hashable {
    /// Seconds an execution lease lasts; a crashed executor's claim is taken over after this.
    public var leaseSeconds: Double
    /// Attempts before a retryable failure becomes final (first try included).
    public var maxAttempts: Int
    /// Waits between attempts: `min(cap, base · 2^(attempt−1))`.
    public var backoff: RetryBackoff
    /// Where outgoing messages are POSTed (signed like model alerts); written to the outbox when nil.
    public var messageWebhookURL: String?
    public var messageWebhookSecret: String?
    /// How many executions one `executeDue` pass runs at most (the rest wait for the next pass).
    public var batch: Int

    public init(leaseSeconds: Double = 60, maxAttempts: Int = 5, backoff: RetryBackoff = RetryBackoff(baseSeconds: 30, capSeconds: 3600),
                messageWebhookURL: String? = nil, messageWebhookSecret: String? = nil, batch: Int = 100) {
        self.leaseSeconds = leaseSeconds; self.maxAttempts = max(1, maxAttempts); self.backoff = backoff
        self.messageWebhookURL = messageWebhookURL; self.messageWebhookSecret = messageWebhookSecret; self.batch = max(1, batch)
    }
}
