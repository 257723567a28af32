import Storage

/// One rule of an approval policy: when every condition holds, its verdict applies.
/// A condition left nil always holds; a condition on a value the action does not have
/// (an amount on a tag change) never holds, so such a rule falls through to the next.
public struct ApprovalRule: Sendable, Hashable {
    /// Shown in the inbox and the audit trail ("low-risk-assessments").
    public var name: String
    public var actionType: ActionType?
    /// The payload's `riskLevel` is one of these (risk assessments).
    public var riskLevels: [String]?
    /// `amountMinor` is above this (minor units).
    public var amountAbove: Int64?
    /// `amountMinor` is at most this.
    public var amountAtMost: Int64?
    /// `confidence` is at least this.
    public var confidenceAtLeast: Double?
    public var verdict: PolicyVerdict

    public init(name: String, actionType: ActionType? = nil, riskLevels: [String]? = nil, amountAbove: Int64? = nil,
                amountAtMost: Int64? = nil, confidenceAtLeast: Double? = nil, verdict: PolicyVerdict) {
        self.name = name; self.actionType = actionType; self.riskLevels = riskLevels; self.amountAbove = amountAbove
        self.amountAtMost = amountAtMost; self.confidenceAtLeast = confidenceAtLeast; self.verdict = verdict
    }

    /// Whether every condition holds for `action`.
    public func matches(_ action: ProposedAction) -> Bool {
        if let actionType, action.type != actionType { return false }
        if let riskLevels {
            guard let level = action.payload["riskLevel"].string, riskLevels.contains(level) else { return false }
        }
        if amountAbove != nil || amountAtMost != nil {
            guard let amount = action.amountMinor ?? ActionPayload.amountMinor(action.payload, type: action.type)?.amount else { return false }
            if let amountAbove, amount <= amountAbove { return false }
            if let amountAtMost, amount > amountAtMost { return false }
        }
        if let confidenceAtLeast {
            guard let confidence = action.confidence, confidence >= confidenceAtLeast else { return false }
        }
        return true
    }
}
