import Replenishment
import Testing

@Suite struct StockHealthTests {
    /// A healthy base case: on hand 40 + on order 10 − committed 0 = position 50; 1 unit/day;
    /// lead 3, review 7, reorder point 20, safety stock 5, order-up-to 60; price 1000 minor units.
    static func base(
        onHand: Int = 40, onOrder: Int = 10, committed: Int = 0, forecast: Double = 1, reviewPeriodDays: Int = 7,
        orderUpTo: Int = 60, velocity: Double = 1, daysSinceLastSale: Int? = 1, stockoutRisk: Double = 0.01
    ) -> HealthInputs {
        HealthInputs(
            onHand: onHand, onOrder: onOrder, committed: committed,
            dailyForecast: [Double](repeating: forecast, count: 30), leadTimeDays: 3, reviewPeriodDays: reviewPeriodDays,
            reorderPoint: 20, safetyStock: 5, orderUpTo: orderUpTo,
            velocity: Velocity(unitsPerDay: velocity, inStockDays: 28, windowDays: 28), unitPrice: 1000, unitCost: 400,
            daysSinceLastSale: daysSinceLastSale, stockoutRisk: stockoutRisk)
    }

    /// Position 50 at 1/day: cover 50 days (≤ 120); below safety stock 5 first on day 46 (50 − 46 = 4)
    /// → replenish by 46 − 3 = 43 > review 7; position 50 > reorder point 20 → healthy.
    /// Lost revenue = risk × velocity × price = 0.01 × 1 × 1000 = 10 minor units/day.
    @Test func healthy() throws {
        let h = try StockHealth.assess(Self.base())
        #expect(h.status == .healthy && h.position == 50 && h.daysOfCover == 50 && h.replenishByDay == 43)
        #expect(abs(h.lostRevenuePerDay - 10) < 1e-12 && h.markdownPercent == nil)
        #expect(h.notes == ["50 days of cover"])
        // Committed units come off the position: 40 + 10 − 5 = 45.
        #expect(try StockHealth.assess(Self.base(committed: 5)).position == 45)
    }

    /// On hand 0 (or oversold to −2) → out of stock whatever is on order; lost revenue is the full
    /// stockout-adjusted velocity × price: 2.5 × 1000 = 2500 minor units/day.
    @Test func outOfStock() throws {
        for onHand in [0, -2] {
            let h = try StockHealth.assess(Self.base(onHand: onHand, velocity: 2.5))
            #expect(h.status == .outOfStock)
            #expect(h.lostRevenuePerDay == 2500)
            #expect(h.notes.contains("10 on order"))
        }
    }

    /// Dead stock from 90 days without a sale (the default window) or never sold; 89 days is not dead.
    /// Lost revenue 0, markdown 40 %.
    @Test func deadStock() throws {
        for days in [90, 200, nil] as [Int?] {
            let h = try StockHealth.assess(Self.base(daysSinceLastSale: days))
            #expect(h.status == .deadStock && h.lostRevenuePerDay == 0 && h.markdownPercent == 40)
        }
        #expect(try StockHealth.assess(Self.base(daysSinceLastSale: 89)).status == .healthy)
        #expect(try StockHealth.assess(Self.base(daysSinceLastSale: nil)).notes.contains("never sold with 40 on hand"))
    }

    /// Position 15 + 5 = 20 equals the reorder point → reorder (at or below).
    /// Position 21 is above: below safety stock on day 17 (21 − 17 = 4) → 14 > 7 → healthy.
    @Test func reorder() throws {
        let h = try StockHealth.assess(Self.base(onHand: 15, onOrder: 5))
        #expect(h.status == .reorder && h.position == 20)
        #expect(h.notes.contains("position 20 at or below reorder point 20"))
        #expect(try StockHealth.assess(Self.base(onHand: 16, onOrder: 5)).status == .healthy)
    }

    /// Position 25 at 3/day: 25 − 3t < 5 ⇔ t > 6.67 → day 7 → replenish by 7 − 3 = 4 ≤ review 7 → at risk.
    /// Lost revenue = 0.2 × 3 × 1000 = 600. With a review every 3 days, 4 > 3 → healthy.
    @Test func atRisk() throws {
        let h = try StockHealth.assess(Self.base(onHand: 25, onOrder: 0, forecast: 3, velocity: 3, stockoutRisk: 0.2))
        #expect(h.status == .atRisk && h.replenishByDay == 4)
        #expect(abs(h.lostRevenuePerDay - 600) < 1e-9)
        #expect(h.notes.contains("order by day 4"))
        let later = try StockHealth.assess(Self.base(onHand: 25, onOrder: 0, forecast: 3, reviewPeriodDays: 3))
        #expect(later.status == .healthy)
    }

    /// Position 500 at 1/day: 500 days of cover > 120 and > order-up-to 60 → overstock; 500 > 2·120 → 30 %.
    /// Position 200: 200 days, over 120 but not over 240 → 15 %. Position 130 ≤ order-up-to 150 → healthy.
    /// No demand forecast with stock and a recent sale → endless cover → overstock, 30 %.
    @Test func overstockAndMarkdowns() throws {
        let deep = try StockHealth.assess(Self.base(onHand: 500, onOrder: 0))
        #expect(deep.status == .overstock && deep.daysOfCover == 500 && deep.markdownPercent == 30)
        let mild = try StockHealth.assess(Self.base(onHand: 200, onOrder: 0))
        #expect(mild.status == .overstock && mild.daysOfCover == 200 && mild.markdownPercent == 15)
        #expect(mild.notes.contains("200 days of cover, over 120; position 200 above order-up-to 60"))
        #expect(mild.notes.contains("suggest a 15 % markdown"))
        #expect(try StockHealth.assess(Self.base(onHand: 130, onOrder: 0, orderUpTo: 150)).status == .healthy)
        let idle = try StockHealth.assess(Self.base(onHand: 100, onOrder: 0, forecast: 0))
        #expect(idle.status == .overstock && idle.daysOfCover == nil && idle.markdownPercent == 30)
    }

    /// The markdown table on its own: dead 40; overstock with cover > 2 × 120 = 240 → 30, at 240 → 15;
    /// no cover figure → 30; every other status → nil.
    @Test func markdownTable() {
        #expect(StockHealth.markdownPercent(status: .deadStock, daysOfCover: 10, overstockDays: 120) == 40)
        #expect(StockHealth.markdownPercent(status: .overstock, daysOfCover: 240, overstockDays: 120) == 15)
        #expect(StockHealth.markdownPercent(status: .overstock, daysOfCover: 240.5, overstockDays: 120) == 30)
        #expect(StockHealth.markdownPercent(status: .overstock, daysOfCover: nil, overstockDays: 120) == 30)
        for s in [HealthStatus.outOfStock, .reorder, .atRisk, .healthy] {
            #expect(StockHealth.markdownPercent(status: s, daysOfCover: 999, overstockDays: 120) == nil)
        }
    }

    /// The velocity's stockout days become a note: 28 − 25 = 3 days out of stock.
    @Test func notesExplainTheVelocity() throws {
        var inputs = Self.base()
        inputs.velocity = Velocity(unitsPerDay: 1, inStockDays: 25, windowDays: 28)
        #expect(try StockHealth.assess(inputs).notes.first == "out of stock 3 of the last 28 days")
    }

    @Test func badInputNamesTheField() {
        var i = Self.base()
        i.dailyForecast[2] = .nan
        #expect(healthErrorField { try StockHealth.assess(i) } == "dailyForecast[2]")
        #expect(healthErrorField { try StockHealth.assess(Self.base(stockoutRisk: 1.5)) } == "stockoutRisk")
        #expect(healthErrorField { try StockHealth.assess(Self.base(onOrder: -1)) } == "onOrder")
        #expect(healthErrorField { try StockHealth.assess(Self.base(reviewPeriodDays: -1)) } == "reviewPeriodDays")
        #expect(healthErrorField { try StockHealth.assess(Self.base(velocity: .nan)) } == "velocity.unitsPerDay")
        i = Self.base(); i.leadTimeDays = -1
        #expect(healthErrorField { try StockHealth.assess(i) } == "leadTimeDays")
        i = Self.base(); i.unitPrice = .nan
        #expect(healthErrorField { try StockHealth.assess(i) } == "unitPrice")
        i = Self.base(); i.deadStockDays = 0
        #expect(healthErrorField { try StockHealth.assess(i) } == "deadStockDays")
    }
}
