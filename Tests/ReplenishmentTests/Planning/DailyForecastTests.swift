import Testing
@testable import Replenishment

/// `DailyForecast.expectedUnits(days:)`: fractional days and the weekly repeat past the horizon.
@Suite("DailyForecast")
struct DailyForecastTests {
    static func forecast(_ means: [Double]) -> DailyForecast {
        DailyForecast(means: means, lower: means.map { [$0] }, upper: means.map { [$0] }, levels: [95])
    }

    /// Means 1, 2, …, 10. 2.5 days: 1 + 2 + ½·3 = 4.5.
    @Test func fractionalLastDay() {
        let f = Self.forecast((1...10).map(Double.init))
        #expect(f.expectedUnits(days: 2.5) == 4.5)
        #expect(f.expectedUnits(days: 10) == 55)
        #expect(f.expectedUnits(days: 0.25) == 0.25)
    }

    /// Past the 10-day horizon the last 7 days (means 4…10) repeat: 12.25 days =
    /// 55 (days 1–10) + 4 (day 11 = the week's first day) + 5 (day 12) + ¼·6 (day 13) = 65.5.
    /// A whole extra cycle: 17 days = 55 + (4 + 5 + … + 10) = 55 + 49 = 104.
    @Test func repeatsTheLastWeek() {
        let f = Self.forecast((1...10).map(Double.init))
        #expect(f.expectedUnits(days: 12.25) == 65.5)
        #expect(f.expectedUnits(days: 17) == 104)
        #expect(f.expectedUnits(days: 18) == 108)
    }

    /// A 3-day forecast repeats all 3 days: 5 days = 1 + 2 + 3 + 1 + 2 = 9.
    @Test func shortForecastRepeatsWhole() {
        #expect(Self.forecast([1, 2, 3]).expectedUnits(days: 5) == 9)
    }

    /// Mean 2 with bounds [1, 4]: widened by 2 the bounds sit twice as far out, 2 − 2·1 = 0 and 2 + 2·2 = 6;
    /// by ½, 1.5 and 3. A bound that would cross zero is floored there: 2 − 3·1 = −1 → 0. Factor 1 keeps
    /// the bounds except a negative lower one, which becomes 0. Means are untouched.
    @Test func widenedMovesBoundsFromTheMean() {
        let f = DailyForecast(means: [2, 5], lower: [[1], [-1]], upper: [[4], [7]], levels: [95])
        let twice = f.widened(by: 2)
        #expect(twice.means == [2, 5])
        #expect(twice.lower == [[0], [0]] && twice.upper == [[6], [9]])  // day 2: 5 − 2·6 < 0 → 0; 5 + 2·2 = 9
        let half = f.widened(by: 0.5)
        #expect(half.lower == [[1.5], [2]] && half.upper == [[3], [6]])  // day 2: 5 − 0.5·6 = 2; 5 + 0.5·2 = 6
        #expect(f.widened(by: 3).lower[0] == [0])
        let same = f.widened(by: 1)
        #expect(same.lower == [[1], [0]] && same.upper == [[4], [7]])
    }

    /// No forecast or no days: 0.
    @Test func emptyIsZero() {
        #expect(DailyForecast.none.expectedUnits(days: 10) == 0)
        #expect(DailyForecast.none.isEmpty)
        #expect(Self.forecast([1, 2]).expectedUnits(days: 0) == 0)
        #expect(Self.forecast([1, 2]).expectedUnits(days: -3) == 0)
    }
}
