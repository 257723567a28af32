import Storage

/// Who decides or does something to a proposal, and through which door (for the audit trail).
public struct ActionActor: Sendable, Hashable {
    public var type: AuditActorType
    /// "ana@shop", "customer-value v3", "executor" …
    public var id: String
    /// cli | api | ui | policy | executor | scheduler | webhook
    public var source: String

    public init(type: AuditActorType, id: String, source: String) {
        self.type = type; self.id = id; self.source = source
    }

    /// A person acting through `source` (cli, api, ui).
    public static func user(_ id: String, source: String) -> ActionActor {
        ActionActor(type: .user, id: id, source: source)
    }

    /// The form stored in `decidedBy`: "user:ana@shop", "system:expiry".
    public var decidedBy: String { "\(type.rawValue):\(id)" }
}
