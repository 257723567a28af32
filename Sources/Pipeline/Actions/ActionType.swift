/// The kinds of change Storewise can propose. Each one is a proposal first: a policy or a person
/// decides, then `ActionExecutor` carries it out (a Shopify Admin mutation, a purchase-order file, a message).
public enum ActionType: String, CaseIterable, Sendable, Codable {
    /// `orderRiskAssessmentCreate`: a risk level and facts on an order.
    case orderRiskAssessment = "order-risk-assessment"
    /// CSV and printable HTML for a vendor (Shopify has no public purchase-order API).
    case purchaseOrder = "purchase-order"
    /// `metafieldsSet`.
    case metafields
    /// `tagsAdd` on a customer.
    case customerTags = "customer-tags"
    /// `draftOrderCreate`.
    case draftOrder = "draft-order"
    /// `discountCodeBasicCreate`.
    case discountCode = "discount-code"
    /// An outgoing message (to the merchant's webhook, or the outbox).
    case message

    /// The inbox's name for it.
    public var title: String {
        switch self {
        case .orderRiskAssessment: "Order risk assessment"
        case .purchaseOrder: "Purchase order"
        case .metafields: "Metafields"
        case .customerTags: "Customer tags"
        case .draftOrder: "Draft order"
        case .discountCode: "Discount code"
        case .message: "Message"
        }
    }
}
