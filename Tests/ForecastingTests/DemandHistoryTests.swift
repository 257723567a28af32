import Forecasting
import Testing

/// Dense, censored demand histories from sparse projection rows, against hand calculations.
@Suite struct DemandHistoryTests {
    /// Season 3, 2 seasons, window 3. Censored positions 2, 5, 6, 8, 10:
    /// - t=2, phase 2: no in-stock day of phase 2 before it → rule 2, in-stock before: 4, 1 → 2.5
    /// - t=5, phase 2: still none (t=2 was censored) → last three in-stock: 1, 6, 3 → 10/3
    /// - t=6, phase 0: in-stock t=0 (4), t=3 (6) → 5
    /// - t=8, phase 2: none → last three in-stock before 8: 6, 3, 7 → 16/3
    /// - t=10, phase 1: in-stock t=1 (1), t=4 (3), t=7 (7), the last two → 5
    @Test func imputationRuleByHand() throws {
        let values: [Double] = [4, 1, 0, 6, 3, 0, 0, 7, 0, 2, 0]
        let censored = [false, false, true, false, false, true, true, false, true, false, true]
        let filled = try CensoredDemand(seasonLength: 3, seasons: 2, window: 3).impute(values, censored: censored)
        let expected: [Double] = [4, 1, 2.5, 6, 3, 10.0 / 3, 5, 7, 16.0 / 3, 2, 5]
        #expect(filled.count == expected.count)
        for (a, b) in zip(filled, expected) { #expect(abs(a - b) < 1e-12) }
    }

    /// Rule 3: nothing in stock before the censored day → the in-stock mean of the whole series.
    @Test func imputationFallsBackToTheInStockMean() throws {
        #expect(try CensoredDemand().impute([0, 3, 5], censored: [true, false, false]) == [4, 3, 5])
        #expect(try CensoredDemand().impute([0, 0], censored: [true, true]) == [0, 0])
        #expect(try CensoredDemand().impute([1, 2], censored: [false, false]) == [1, 2])
    }

    @Test func imputationValidatesItsInput() {
        #expect(throws: ForecastError.invalidParameter(name: "censored", reason: "has 1 entries for 2 values")) {
            try CensoredDemand().impute([1, 2], censored: [false])
        }
        #expect(throws: ForecastError.invalidParameter(name: "seasons", reason: "must be at least 1, got 0")) {
            try CensoredDemand(seasons: 0).impute([1], censored: [false])
        }
    }

    /// Day 98: 5 in stock before any sale. Day 100: first sale (2), stock 3. Day 101: no row,
    /// stock 3 carried → a real zero. Day 102: 3 sold, sold out (0). Days 103–104: no row, 0
    /// carried → censored. Day 105: a refund-only row, not in stock → censored. Day 106:
    /// restocked to 6 → a real zero. Day 107: 4 sold, 2 left. Days 108–110: real zeros. The row
    /// of day 115 is after the as-of day and ignored.
    ///
    /// Censored days 103–105 have no same-weekday in-stock day before them (the series starts on
    /// day 100), so each gets the mean of the in-stock days before it: (2 + 0 + 3) / 3 = 5/3.
    @Test func denseSeriesWithStockoutsByHand() throws {
        let records = [
            DemandRecord(day: 107, units: 4, inStock: true, stockEnd: 2),  // out of order on purpose
            DemandRecord(day: 98, units: 0, inStock: true, stockEnd: 5),
            DemandRecord(day: 100, units: 2, inStock: true, stockEnd: 3),
            DemandRecord(day: 102, units: 3, inStock: true, stockEnd: 0),
            DemandRecord(day: 105, units: 0, inStock: false),
            DemandRecord(day: 106, units: 0, inStock: true, stockEnd: 6),
            DemandRecord(day: 115, units: 9, inStock: true, stockEnd: 1),
        ]
        let history = try #require(try DemandHistory(records: records, through: 110))
        #expect(history.startDay == 100)
        #expect(history.endDay == 110)
        #expect(history.observed == [2, 0, 3, 0, 0, 0, 0, 4, 0, 0, 0])
        #expect(history.censored == [false, false, false, true, true, true, false, false, false, false, false])
        #expect(history.censoredCount == 3)
        let third = 5.0 / 3
        #expect(history.values == [2, 0, 3, third, third, third, 0, 4, 0, 0, 0])
        #expect(history.stockAtEnd == 2)
        let tail = history.suffix(4)
        #expect(tail.startDay == 107)
        #expect(tail.observed == [4, 0, 0, 0])
    }

    /// Untracked inventory (no stock observation ever): a row's "not in stock" only means
    /// nothing was known, so no day is censored.
    @Test func untrackedInventoryIsNeverCensored() throws {
        let records = [
            DemandRecord(day: 0, units: 1, inStock: true),
            DemandRecord(day: 3, units: 0, inStock: false),
            DemandRecord(day: 5, units: 2, inStock: true),
        ]
        let history = try #require(try DemandHistory(records: records, through: 6))
        #expect(history.observed == [1, 0, 0, 0, 0, 2, 0])
        #expect(history.censored == [Bool](repeating: false, count: 7))
        #expect(history.values == history.observed)
        #expect(history.stockAtEnd == nil)
    }

    @Test func noSaleByTheAsOfDayGivesNoHistory() throws {
        let records = [DemandRecord(day: 3, units: 0, inStock: true, stockEnd: 4), DemandRecord(day: 9, units: 1, inStock: true)]
        #expect(try DemandHistory(records: records, through: 8) == nil)
        #expect(try DemandHistory(records: [], through: 8) == nil)
        #expect(throws: ForecastError.self) {
            try DemandHistory(records: [DemandRecord(day: 1, units: 1, inStock: true), DemandRecord(day: 1, units: 2, inStock: true), DemandRecord(day: 0, units: 1, inStock: true)], through: 3)
        }
    }
}
