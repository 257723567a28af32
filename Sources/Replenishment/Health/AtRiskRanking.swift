/// The at-risk list: items out of stock, due for reorder or at risk, worst first.
///
/// Ranked by lost revenue per day, then stockout risk, both descending; ties keep the input order.
/// Stocky's low-stock report sorts by lost revenue per day the same way.
///
/// ```swift
/// let worst = try AtRiskRanking.top(20, of: healths)   // indices into healths
/// ```
public enum AtRiskRanking {
    /// Indices into `items` of the first `count` at-risk items (fewer when fewer are at risk).
    /// - Throws: `ReplenishmentError.invalidParameter` naming `count` when negative, or
    ///   `items[i].lostRevenuePerDay` / `items[i].stockoutRisk` when NaN (they would break the order).
    public static func top(_ count: Int, of items: [StockHealth]) throws -> [Int] {
        guard count >= 0 else {
            throw ReplenishmentError.invalidParameter(name: "count", reason: "must not be negative, got \(count)")
        }
        var candidates: [Int] = []
        for (i, h) in items.enumerated() where h.status.needsAttention {
            if h.lostRevenuePerDay.isNaN {
                throw ReplenishmentError.invalidParameter(name: "items[\(i)].lostRevenuePerDay", reason: "is NaN")
            }
            if h.stockoutRisk.isNaN {
                throw ReplenishmentError.invalidParameter(name: "items[\(i)].stockoutRisk", reason: "is NaN")
            }
            candidates.append(i)
        }
        candidates.sort { a, b in
            let x = items[a], y = items[b]
            if x.lostRevenuePerDay != y.lostRevenuePerDay { return x.lostRevenuePerDay > y.lostRevenuePerDay }
            if x.stockoutRisk != y.stockoutRisk { return x.stockoutRisk > y.stockoutRisk }
            return a < b
        }
        return Array(candidates.prefix(count))
    }
}
