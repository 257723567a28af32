/// Tuning of the approval queue.
public struct ApprovalOptions: Sendable, Hashable {
    /// Seconds a pending proposal waits for a person before it expires (72 h).
    public var defaultTimeToLive: Double
    /// How many expired proposals one `expireDue` pass decides at most.
    public var expiryBatch: Int

    public init(defaultTimeToLive: Double = 72 * 3600, expiryBatch: Int = 500) {
        self.defaultTimeToLive = defaultTimeToLive; self.expiryBatch = expiryBatch
    }
}
