import ShopifyAdmin

/// An action as a proposer hands it to `ApprovalService.propose`: what to do, to what, why and
/// who (which model version) suggests it. The payload is validated and normalised per type
/// (`ActionPayload`) before it is stored.
public struct ProposedAction: Sendable, Hashable {
    public var type: ActionType
    /// ("order", "gid://shopify/Order/1"), ("customer", …), ("vendor", "Acme") …
    public var targetType: String
    public var targetID: String
    /// The action's arguments (shape per type: see `ActionPayload`).
    public var payload: JSONValue
    /// The proposing model, when a model proposes.
    public var modelKind: String?
    public var modelVersion: Int?
    /// 0…1.
    public var confidence: Double?
    /// Why, in words the merchant reads.
    public var reason: String
    /// The proposer's name ("order-risk", "replenishment", "api" …).
    public var proposer: String
    /// While a proposal with this key is pending, approved or executing, proposing again returns it.
    public var dedupeKey: String?
    /// Money at stake in minor units (PO total, discount amount), for policies and the inbox.
    public var amountMinor: Int64?
    public var currency: String?
    /// Seconds until a pending proposal expires; `ApprovalOptions.defaultTimeToLive` when nil.
    public var timeToLive: Double?

    public init(type: ActionType, targetType: String, targetID: String, payload: JSONValue, modelKind: String? = nil,
                modelVersion: Int? = nil, confidence: Double? = nil, reason: String, proposer: String, dedupeKey: String? = nil,
                amountMinor: Int64? = nil, currency: String? = nil, timeToLive: Double? = nil) {
        self.type = type; self.targetType = targetType; self.targetID = targetID; self.payload = payload
        self.modelKind = modelKind; self.modelVersion = modelVersion; self.confidence = confidence; self.reason = reason
        self.proposer = proposer; self.dedupeKey = dedupeKey; self.amountMinor = amountMinor; self.currency = currency
        self.timeToLive = timeToLive
    }
}
