/// How the shop learns that an order was fraudulent, as it would see it in its webhooks.
public enum FraudLabel: String, Sendable, Hashable, CaseIterable {
    /// disputes/create: a chargeback with reason "fraudulent" (or "unrecognized" for label noise).
    case chargeback
    /// orders/cancelled with `cancel_reason: "fraud"`, 1–3 days after the order.
    case fraudCancellation = "fraud_cancellation"
    /// orders/updated adding the tags "fraud" and "fraud-refund" or "fraud-discount" after an audit.
    case audit
}
