/// Named customer segments from recency and frequency scores (1–5 each), the grid marketing
/// teams commonly use:
///
/// | R \ F | 1 | 2 | 3 | 4 | 5 |
/// | --- | --- | --- | --- | --- | --- |
/// | 5 | new | potential loyalist | potential loyalist | champion | champion |
/// | 4 | promising | potential loyalist | potential loyalist | loyal | loyal |
/// | 3 | about to sleep | about to sleep | needs attention | loyal | loyal |
/// | 1–2 | hibernating | hibernating | at risk | at risk | can't lose |
public enum RFMSegment: String, Sendable, Hashable, Codable, CaseIterable {
    case champion = "champions"
    case loyal
    case potentialLoyalist = "potential_loyalists"
    case new = "new_customers"
    case promising
    case needsAttention = "need_attention"
    case aboutToSleep = "about_to_sleep"
    case atRisk = "at_risk"
    case cantLose = "cant_lose"
    case hibernating

    /// The segment of a recency score and a frequency score, each 1…5.
    public init(recencyScore r: Int, frequencyScore f: Int) throws {
        guard (1...5).contains(r) else { throw CustomerValueError.invalidParameter(name: "recencyScore", reason: "must be in 1...5, got \(r)") }
        guard (1...5).contains(f) else { throw CustomerValueError.invalidParameter(name: "frequencyScore", reason: "must be in 1...5, got \(f)") }
        switch (r, f) {
        case (5, 4...5): self = .champion
        case (3...4, 4...5): self = .loyal
        case (4...5, 2...3): self = .potentialLoyalist
        case (5, 1): self = .new
        case (4, 1): self = .promising
        case (3, 3): self = .needsAttention
        case (3, 1...2): self = .aboutToSleep
        case (1...2, 5): self = .cantLose
        case (1...2, 3...4): self = .atRisk
        default: self = .hibernating
        }
    }

    /// How marketing tools usually label it.
    public var title: String {
        switch self {
        case .champion: "Champions"
        case .loyal: "Loyal"
        case .potentialLoyalist: "Potential loyalists"
        case .new: "New customers"
        case .promising: "Promising"
        case .needsAttention: "Need attention"
        case .aboutToSleep: "About to sleep"
        case .atRisk: "At risk"
        case .cantLose: "Can't lose"
        case .hibernating: "Hibernating"
        }
    }
}
