/// Why an action was not proposed, decided or executed, naming the field where there is one.
public enum ActionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The payload (or a decision's input) is not valid for its type; `field` is a path like `payload.facts[1].sentiment`.
    case invalidPayload(field: String, reason: String)
    /// A policy file is not valid; `field` is a path like `rules[2].verdict`.
    case invalidPolicy(field: String, reason: String)
    /// A decision that needs a reason (reject) came without one.
    case reasonRequired(decision: String)
    /// No Admin client for the shop (not installed, or no token).
    case noAdminClient(shopID: Int64)
    /// A stored action type this build does not know.
    case unknownActionType(String)
    /// Delivering an outgoing message failed.
    case delivery(String)

    public var description: String {
        switch self {
        case .invalidPayload(let field, let reason): "\(field): \(reason)"
        case .invalidPolicy(let field, let reason): "approval policy: \(field): \(reason)"
        case .reasonRequired(let decision): "reason: a \(decision) needs a reason"
        case .noAdminClient(let shopID): "shop \(shopID): no Admin API client (is the app installed?)"
        case .unknownActionType(let type): "actionType: unknown action type \"\(type)\""
        case .delivery(let reason): "message delivery failed: \(reason)"
        }
    }
}
