import Foundation

/// A chargeback or inquiry on an order (disputes/create, disputes/update): the strongest fraud
/// label a shop gets, and it arrives weeks after the order.
public struct Dispute: Hashable, Sendable, Codable {
    public var id: Int64
    public var orderID: Int64?
    /// "chargeback" or "inquiry".
    public var type: String
    public var amount: Money
    /// "fraudulent", "unrecognized", "product_not_received", "duplicate", "general", …
    public var reason: String?
    /// "needs_response", "under_review", "charge_refunded", "accepted", "won", "lost".
    public var status: String?
    public var initiatedAt: Date
    public var finalizedAt: Date?

    public init(
        id: Int64, orderID: Int64?, type: String, amount: Money, reason: String? = nil, status: String? = nil,
        initiatedAt: Date, finalizedAt: Date? = nil
    ) {
        self.id = id; self.orderID = orderID; self.type = type; self.amount = amount; self.reason = reason
        self.status = status; self.initiatedAt = initiatedAt; self.finalizedAt = finalizedAt
    }

    /// True for a chargeback the card holder filed as fraud (or did not recognise).
    public var isFraudChargeback: Bool {
        type == "chargeback" && (reason == "fraudulent" || reason == "unrecognized")
    }
}
