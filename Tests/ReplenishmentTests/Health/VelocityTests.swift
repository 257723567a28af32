import Replenishment
import Testing

@Suite struct VelocityTests {
    /// Inventory Planner's example: 10 sold in a 30-day window with 15 days out of stock.
    /// Days 5…19 in stock (15 days, ten of them sell 1 unit), days 20…34 out of stock with no sales;
    /// five older days 0…4 sell 9 a day but lie outside the 30-day window (days 5…34).
    /// Stockout-adjusted: 10 / 15 = 0.667/day. Plain (Stocky): 10 / 30 = 0.333/day.
    @Test func inventoryPlannerExample() throws {
        let old = [Double](repeating: 9, count: 5)
        let inStockSales: [Double] = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0]  // ten 1s
        let units = old + inStockSales + [Double](repeating: 0, count: 15)
        let inStock = [Bool](repeating: true, count: 20) + [Bool](repeating: false, count: 15)
        let v = try Velocity.stockoutAdjusted(units: units, inStock: inStock, window: 30)
        #expect(abs(v.unitsPerDay - 10.0 / 15) < 1e-15)
        #expect(v.inStockDays == 15 && v.windowDays == 30 && v.outOfStockDays == 15 && !v.fromLongerHistory)
        let plain = try Velocity.plain(units: units, window: 30)
        #expect(abs(plain.unitsPerDay - 10.0 / 30) < 1e-15)
        #expect(plain.inStockDays == 30 && plain.windowDays == 30)
    }

    /// Sales on an out-of-stock day are left out with the day: days 0–2 in stock selling 2, 2, 2,
    /// day 3 out of stock with 5 units (a backorder) → 6 / 3 = 2, not 11 / 3.
    @Test func salesOnOutOfStockDaysAreLeftOut() throws {
        let v = try Velocity.stockoutAdjusted(units: [2, 2, 2, 5], inStock: [true, true, true, false])
        #expect(v.unitsPerDay == 2 && v.inStockDays == 3 && v.windowDays == 4)
    }

    /// Out of stock all of the last 28 days: fall back to the whole history's in-stock days.
    /// Days 0–9 in stock selling 1, 2, 1, 2, … (sum 5·3 = 15); days 10–11 out of stock with 4 each
    /// (left out); days 12–39 (28 days) out of stock, one of them with 3 units (left out).
    /// Velocity = 15 / 10 = 1.5 over the 40-day history.
    @Test func allOutOfStockFallsBackToTheWholeHistory() throws {
        var units = [Double](repeating: 0, count: 40)
        for d in 0..<10 { units[d] = d % 2 == 0 ? 1 : 2 }
        units[10] = 4; units[11] = 4; units[20] = 3
        let inStock = (0..<40).map { $0 < 10 }
        let v = try Velocity.stockoutAdjusted(units: units, inStock: inStock, window: 28)
        #expect(v == Velocity(unitsPerDay: 1.5, inStockDays: 10, windowDays: 40, fromLongerHistory: true))
        // Never in stock: nothing to learn from, 0.
        let never = try Velocity.stockoutAdjusted(units: units, inStock: [Bool](repeating: false, count: 40))
        #expect(never.unitsPerDay == 0 && never.inStockDays == 0 && never.fromLongerHistory)
    }

    /// A history shorter than the window is averaged over the days it has: 2, 4, 3 all in stock → 9 / 3 = 3.
    /// Plain does the same (9 / 3); an empty history has velocity 0.
    @Test func shortAndEmptyHistories() throws {
        let v = try Velocity.stockoutAdjusted(units: [2, 4, 3], inStock: [true, true, true])
        #expect(v == Velocity(unitsPerDay: 3, inStockDays: 3, windowDays: 3))
        #expect(try Velocity.plain(units: [2, 4, 3]).unitsPerDay == 3)
        #expect(try Velocity.stockoutAdjusted(units: [], inStock: []) == Velocity(unitsPerDay: 0, inStockDays: 0, windowDays: 0))
        #expect(try Velocity.plain(units: []).unitsPerDay == 0)
    }

    @Test func badInputNamesTheField() {
        #expect(healthErrorField { try Velocity.stockoutAdjusted(units: [1, 2], inStock: [true]) } == "inStock")
        #expect(healthErrorField { try Velocity.stockoutAdjusted(units: [1], inStock: [true], window: -1) } == "window")
        #expect(healthErrorField { try Velocity.stockoutAdjusted(units: [1], inStock: [true], window: 0) } == "window")
        #expect(healthErrorField { try Velocity.stockoutAdjusted(units: [1, .nan], inStock: [true, true]) } == "units[1]")
        #expect(healthErrorField { try Velocity.stockoutAdjusted(units: [-1], inStock: [true]) } == "units[0]")
        #expect(healthErrorField { try Velocity.plain(units: [1], window: -3) } == "window")
        #expect(healthErrorField { try Velocity.plain(units: [1, 2, .infinity]) } == "units[2]")
    }
}
