/// Stocky's automatic reorder rule, the baseline merchants know (reference notes §3.3): the
/// sales rate is the plain mean of the last `sampleDays` days of sales, the reorder point is
/// rate × lead time with no safety stock, and a purchase order covers the lead time plus the
/// days until the next review.
///
/// At a review: rate = mean of the last 30 days' observed sales, *stockout days included* (Stocky
/// averages sales, not in-stock demand); reorder point = ⌈rate × L⌉; when the position is at or
/// below it, order up to ⌈rate × (L + R)⌉.
///
/// ```swift
/// StockyRule().name   // "Stocky (30 d)"
/// ```
public struct StockyRule: ReplenishmentRule {
    /// Days of sales the rate averages (Stocky's default sample period is 30 days).
    public var sampleDays: Int

    public init(sampleDays: Int = 30) {
        self.sampleDays = sampleDays
    }

    public var name: String { "Stocky (\(sampleDays) d)" }

    /// The mean daily sales of the last `sampleDays` days (fewer when the history is shorter).
    public func rate(_ context: ReplenishmentContext) -> Double {
        let recent = context.sales.suffix(sampleDays)
        return recent.isEmpty ? 0 : recent.reduce(0, +) / Double(recent.count)
    }

    public func orderQuantity(_ context: ReplenishmentContext) throws -> Int {
        guard sampleDays >= 1 else { throw ReplenishmentError.invalidParameter(name: "sampleDays", reason: "must be at least 1, got \(sampleDays)") }
        let recent = context.sales.suffix(sampleDays)
        guard !recent.isEmpty else { return 0 }
        // sum × days / n rather than (sum / n) × days: exact when the result is a whole number,
        // so the ceiling does not jump on a rounding error (10/30 × 3 = 1.0000000000000002).
        let sum = recent.reduce(0, +), n = Double(recent.count)
        let reorderPoint = Int((sum * Double(context.leadTimeDays) / n).rounded(.up))
        guard context.position <= reorderPoint else { return 0 }
        let orderUpTo = Int((sum * Double(context.leadTimeDays + context.reviewPeriod) / n).rounded(.up))
        return max(0, orderUpTo - context.position)
    }
}
