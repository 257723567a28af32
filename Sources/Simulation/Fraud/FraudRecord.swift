import Foundation

/// Ground truth for one fraudulent subject of a simulation (or one noisy label on a legitimate
/// order): what it was, and whether and when the shop's webhooks reveal it.
public struct FraudRecord: Sendable, Hashable {
    public var pattern: FraudPattern
    /// The fraudulent order; for refund abuse, the sale the fraudulent refund is on (a legitimate
    /// order of the stream, an old one that only appears in orders/updated, or the accomplice's
    /// sale, which has a record of its own with `refundID == nil`).
    public var orderID: Int64
    /// The fraudulent refund (refund abuse only).
    public var refundID: Int64?
    /// When the order (or the abusive refund) happened.
    public var occurredAt: Date
    /// How the shop finds out; nil when it never does inside the simulated period.
    public var label: FraudLabel?
    /// When the label event is delivered; nil with `label`.
    public var labelledAt: Date?

    public init(
        pattern: FraudPattern, orderID: Int64, refundID: Int64? = nil, occurredAt: Date, label: FraudLabel? = nil,
        labelledAt: Date? = nil
    ) {
        self.pattern = pattern; self.orderID = orderID; self.refundID = refundID; self.occurredAt = occurredAt
        self.label = label; self.labelledAt = labelledAt
    }
}
