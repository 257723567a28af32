import Risk

/// What a POS associate is told to do after a pre-check.
public enum RiskPrecheckDecision: String, Sendable, Codable, CaseIterable {
    /// Go ahead.
    case proceed
    /// A manager confirms before the associate completes the action.
    case askManager = "ask_manager"
    /// Do not complete the action (a manager may still override it in the POS app).
    case refuse
}

/// Maps a pre-check's risk level to a decision: NONE and LOW proceed, MEDIUM asks a manager,
/// HIGH refuses by default (`risk.precheckHigh` = `ask_manager` makes HIGH ask instead).
///
/// HIGH refuses by default because the thresholds come from a review capacity: HIGH is the
/// small share of actions the shop decided it would rather stop than hand over and chase later.
public struct RiskPrecheckPolicy: Sendable, Hashable {
    public var medium: RiskPrecheckDecision
    public var high: RiskPrecheckDecision

    public init(medium: RiskPrecheckDecision = .askManager, high: RiskPrecheckDecision = .refuse) {
        self.medium = medium; self.high = high
    }

    public func decision(for level: RiskLevel) -> RiskPrecheckDecision {
        switch level {
        case .none, .low: .proceed
        case .medium: medium
        case .high: high
        }
    }
}
