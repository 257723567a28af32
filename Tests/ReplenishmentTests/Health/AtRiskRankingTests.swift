import Replenishment
import Testing

@Suite struct AtRiskRankingTests {
    static func item(_ status: HealthStatus, lost: Double, risk: Double) -> StockHealth {
        StockHealth(
            position: 0, daysOfCover: nil, replenishByDay: nil, stockoutRisk: risk, lostRevenuePerDay: lost,
            status: status, markdownPercent: nil)
    }

    /// Healthy (0) and overstock (4) are left out. By lost revenue: 2 (2500), then 1, 3, 6 at 600 ordered
    /// by risk: 3 (0.5) and 6 (0.5) before 1 (0.2), 3 before 6 by input order; then 5 (100).
    @Test func ranksByLostRevenueThenRisk() throws {
        let items = [
            Self.item(.healthy, lost: 50, risk: 0.05),
            Self.item(.atRisk, lost: 600, risk: 0.2),
            Self.item(.outOfStock, lost: 2500, risk: 1),
            Self.item(.reorder, lost: 600, risk: 0.5),
            Self.item(.overstock, lost: 0, risk: 0),
            Self.item(.reorder, lost: 100, risk: 0.3),
            Self.item(.atRisk, lost: 600, risk: 0.5),
        ]
        #expect(try AtRiskRanking.top(3, of: items) == [2, 3, 6])
        #expect(try AtRiskRanking.top(10, of: items) == [2, 3, 6, 1, 5])
        #expect(try AtRiskRanking.top(0, of: items) == [])
        #expect(healthErrorField { try AtRiskRanking.top(-1, of: items) } == "count")
        #expect(healthErrorField { try AtRiskRanking.top(1, of: [Self.item(.reorder, lost: .nan, risk: 0)]) }
            == "items[0].lostRevenuePerDay")
    }
}
