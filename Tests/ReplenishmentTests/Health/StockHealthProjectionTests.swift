import Replenishment
import Testing

@Suite struct StockHealthProjectionTests {
    /// Weekly profile 1, 1, 1, 1, 1, 5, 5 (15 a week), position 23: days 1–5 take 5 (18 left), day 6
    /// takes 5 (13), day 7 takes 5 (8); beyond the forecast the week repeats: days 8–12 take 1 each
    /// (3 left), day 13 wants 5 ≥ 3 → 12 + 3/5 = 12.6 days.
    @Test func walksTheWeeklyProfileWithAFractionalLastDay() {
        let week: [Double] = [1, 1, 1, 1, 1, 5, 5]
        #expect(abs(StockHealth.daysOfCover(position: 23, dailyForecast: week)! - 12.6) < 1e-12)
        // Position 20: the 5 left after day 7 are used up by day 12 exactly (1 ≥ 1 left) → 12.
        #expect(StockHealth.daysOfCover(position: 20, dailyForecast: week) == 12)
    }

    /// Many repeated weeks. Position 1000: the first week uses 15 (985 left); 65 more weeks use 975
    /// (10 left) after day 7 + 65·7 = 462; days 463–467 use 5 (5 left); day 468 wants 5 ≥ 5 → 468.
    /// Position 1001: 6 left before day 468, which takes 5 (1 left); day 469 wants 5 → 468 + 1/5 = 468.2.
    @Test func longCoverAcrossManyRepeatedWeeks() {
        let week: [Double] = [1, 1, 1, 1, 1, 5, 5]
        #expect(StockHealth.daysOfCover(position: 1000, dailyForecast: week) == 468)
        #expect(abs(StockHealth.daysOfCover(position: 1001, dailyForecast: week)! - 468.2) < 1e-9)
        // Flat 1/day over 30 days then repeated: 200 units last 200 days.
        #expect(StockHealth.daysOfCover(position: 200, dailyForecast: [Double](repeating: 1, count: 30)) == 200)
    }

    /// A forecast shorter than a week repeats whole: 2, 4, 2, 4, … with position 9: 2 (7 left), 4 (3),
    /// 2 (1), day 4 wants 4 ≥ 1 → 3 + 1/4 = 3.25.
    @Test func shortForecastRepeatsWhole() {
        #expect(StockHealth.daysOfCover(position: 9, dailyForecast: [2, 4]) == 3.25)
    }

    /// All-zero (or no) forecast → nil; demand that stops before the stock runs out → nil;
    /// nothing to cover → 0.
    @Test func noDemandAndNoStock() {
        #expect(StockHealth.daysOfCover(position: 10, dailyForecast: [0, 0, 0, 0, 0, 0, 0]) == nil)
        #expect(StockHealth.daysOfCover(position: 10, dailyForecast: []) == nil)
        #expect(StockHealth.daysOfCover(position: 10, dailyForecast: [3] + [Double](repeating: 0, count: 7)) == nil)
        #expect(StockHealth.daysOfCover(position: 0, dailyForecast: [1]) == 0)
        #expect(StockHealth.daysOfCover(position: -3, dailyForecast: [1]) == 0)
    }

    /// Position 50, safety stock 10, 5/day, lead 3: after day t the position is 50 − 5t; day 8 leaves
    /// 10 (not below), day 9 leaves 5 < 10 → order by 9 − 3 = 6.
    /// Lead 2.5 → ⌊9 − 2.5⌋ = ⌊6.5⌋ = 6; lead 0 → 9.
    @Test func replenishByHandCase() {
        let flat = [Double](repeating: 5, count: 14)
        #expect(StockHealth.replenishByDay(position: 50, safetyStock: 10, leadTimeDays: 3, dailyForecast: flat) == 6)
        #expect(StockHealth.replenishByDay(position: 50, safetyStock: 10, leadTimeDays: 2.5, dailyForecast: flat) == 6)
        #expect(StockHealth.replenishByDay(position: 50, safetyStock: 10, leadTimeDays: 0, dailyForecast: flat) == 9)
        // Forecast of one week repeated gives the same: 50 − 5·9 = 5 on day 9.
        #expect(StockHealth.replenishByDay(position: 50, safetyStock: 10, leadTimeDays: 3, dailyForecast: Array(flat.prefix(7))) == 6)
    }

    /// Overdue: position 8 is already below 10 on day 0 → 0 − 3 = −3. Position 12: day 1 leaves 7 < 10
    /// → 1 − 3 = −2.
    @Test func overdueIsNegative() {
        let flat = [Double](repeating: 5, count: 7)
        #expect(StockHealth.replenishByDay(position: 8, safetyStock: 10, leadTimeDays: 3, dailyForecast: flat) == -3)
        #expect(StockHealth.replenishByDay(position: 12, safetyStock: 10, leadTimeDays: 3, dailyForecast: flat) == -2)
    }

    /// 0.125/day: 50 − 0.125t < 10 ⇔ t > 320 → t = 321; lead 3 → 318 (within 365), lead 60 → 261.
    /// Position 60: t > 400 → 401 − 3 = 398 > 365 → nil. No demand → never below → nil.
    @Test func horizonOf365Days() {
        let slow = [Double](repeating: 0.125, count: 7)
        #expect(StockHealth.replenishByDay(position: 50, safetyStock: 10, leadTimeDays: 3, dailyForecast: slow) == 318)
        #expect(StockHealth.replenishByDay(position: 50, safetyStock: 10, leadTimeDays: 60, dailyForecast: slow) == 261)
        #expect(StockHealth.replenishByDay(position: 60, safetyStock: 10, leadTimeDays: 3, dailyForecast: slow) == nil)
        #expect(StockHealth.replenishByDay(position: 50, safetyStock: 10, leadTimeDays: 3, dailyForecast: [0]) == nil)
    }
}
