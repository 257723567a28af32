/// A fixed max-stock (shelf limit) rule: Stocky's "Stock levels" suggestion, fill every shelf
/// to its maximum at each review, with a maximum the merchant set once and never revisits.
///
/// The limit is set at the window start from the `baselineDays` (91) days before it:
/// ⌈mean daily sales × (L + R) × `factor`⌉. The factor 1.5 stands for a merchant's rule of thumb
/// of "a cycle's sales plus half again as buffer"; it is not tuned. It ignores later changes of
/// demand (trend, season, decline), which is what a rule set once and left alone does.
///
/// ```swift
/// FixedMaxRule().name   // "Fixed max (1.5×)"
/// ```
public struct FixedMaxRule: ReplenishmentRule {
    /// Days before the window start whose mean sales set the limit.
    public var baselineDays: Int
    /// Multiplier on the expected demand over lead time plus review period.
    public var factor: Double

    public init(baselineDays: Int = 91, factor: Double = 1.5) {
        self.baselineDays = baselineDays
        self.factor = factor
    }

    public var name: String { "Fixed max (\(factor)×)" }

    /// The shelf limit for this context's series: it reads only days before the window start, so
    /// it is the same at every review.
    public func shelfLimit(_ context: ReplenishmentContext) throws -> Int {
        guard baselineDays >= 1 else { throw ReplenishmentError.invalidParameter(name: "baselineDays", reason: "must be at least 1, got \(baselineDays)") }
        guard factor.isFinite, factor > 0 else { throw ReplenishmentError.invalidParameter(name: "factor", reason: "must be finite and positive, got \(factor)") }
        let end = min(context.windowStart, context.sales.endIndex)
        let first = max(context.sales.startIndex, end - baselineDays)
        guard end > first else { return 0 }
        // sum × (L + R) × factor / n: exact when whole, so the ceiling is not off by a rounding error.
        let sum = context.sales[first..<end].reduce(0, +)
        return Int((sum * Double(context.leadTimeDays + context.reviewPeriod) * factor / Double(end - first)).rounded(.up))
    }

    public func orderQuantity(_ context: ReplenishmentContext) throws -> Int {
        max(0, try shelfLimit(context) - context.position)
    }
}
