import Testing
@testable import Risk

/// `HandbookRiskFeatures` on a seven-row table whose every value is computed by hand below.
///
/// Rows (seconds, card, terminal, amount, fraud), D = 86,400 s, delay 7 D, second 0 a Sunday:
/// 0: (0, 1, 10, 10, no)  1: (3,600, 1, 10, 20, yes)  2: (D, 1, 11, 30, no)  3: (2D, 2, 10, 100, no)
/// 4: (8D, 1, 10, 150, yes)  5: (8D + 3,600, 1, 10, 12, no)  6: (8D + 7 h, 3, 12, 5, no)  7: (16D, 4, 10, 1, no)
@Suite struct HandbookRiskFeaturesTests {
    static let d = 86_400
    let f: HandbookRiskFeatures

    init() throws {
        let d = Self.d
        f = try HandbookRiskFeatures(
            seconds: [0, 3_600, d, 2 * d, 8 * d, 8 * d + 3_600, 8 * d + 7 * 3_600, 16 * d],
            customers: [1, 1, 1, 2, 1, 1, 3, 4], terminals: [10, 10, 11, 10, 10, 10, 12, 10],
            amounts: [10, 20, 30, 100, 150, 12, 5, 1], frauds: [false, true, false, false, true, false, false, false])
    }

    func values(_ c: HandbookRiskFeatures.Column) -> [Double] { f.column(c) }

    /// NaN-aware comparison to 1e-6.
    func expect(_ c: HandbookRiskFeatures.Column, _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        let got = values(c)
        #expect(got.count == expected.count, sourceLocation: sourceLocation)
        for (i, (g, e)) in zip(got, expected).enumerated() {
            let same = e.isNaN ? g.isNaN : abs(g - e) < 1e-6
            #expect(same, "\(c.rawValue) row \(i): got \(g), expected \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test func calendar() {
        // Day 0 is a Sunday (weekend), day 1 Monday, day 8 Monday, day 16 Tuesday; hour ≤ 6 is night, 07:00 is not.
        expect(.duringWeekend, [1, 1, 0, 0, 0, 0, 0, 0])
        expect(.duringNight, [1, 1, 1, 1, 1, 1, 0, 1])
        expect(.amount, [10, 20, 30, 100, 150, 12, 5, 1])
    }

    @Test func customerBaselineWindowsIncludeTheTransaction() {
        // 1-day window (t − D, t]: row 2 at D excludes row 0 at 0; row 5 holds rows 4 and 5.
        expect(.customerTransactions1d, [1, 2, 2, 1, 1, 2, 1, 1])
        expect(.customerMeanAmount1d, [10, 15, 25, 100, 150, 81, 5, 1])
        // 7 days: row 4 at 8D excludes row 2 at exactly D.
        expect(.customerTransactions7d, [1, 2, 3, 1, 1, 2, 1, 1])
        expect(.customerMeanAmount7d, [10, 15, 20, 100, 150, 81, 5, 1])
        // 30 days: everything of card 1 so far; (10+20+30+150)/4 = 52.5, +12 → 222/5 = 44.4.
        expect(.customerTransactions30d, [1, 2, 3, 1, 4, 5, 1, 1])
        expect(.customerMeanAmount30d, [10, 15, 20, 100, 52.5, 44.4, 5, 1])
    }

    @Test func amountAgainstTheCardsEarlierTransactions() {
        let nan = Double.nan
        // Earlier amounts of card 1: row 1 [10], row 2 [10, 20], row 4 [10, 20, 30], row 5 [10, 20, 30, 150].
        expect(.amountToCustomerMean60d, [nan, 2, 2, nan, 7.5, 12 / 52.5, nan, nan])
        // Row 2: sd √50 → 15 / √50; row 4: sd 10 → 13; row 5: sd √(12875 / 3) → −40.5 / 65.51081…
        expect(.amountZScore60d, [nan, nan, 15 / 50.0.squareRoot(), nan, 13, -40.5 / (12_875.0 / 3).squareRoot(), nan, nan])
        // Medians 10, 15, 20, (20 + 30) / 2 = 25.
        expect(.amountToCustomerMedian60d, [nan, 2, 2, nan, 7.5, 0.48, nan, nan])
        // Maxima 10, 20, 30, 150.
        expect(.amountToCustomerMax30d, [nan, 2, 1.5, nan, 5, 0.08, nan, nan])
    }

    @Test func earlierHighRatioTransactions() {
        let nan = Double.nan
        // Only row 4 (ratio 7.5) is above 3. Row 5 sees it within 7 and 14 days; row 4 itself does not count.
        expect(.customerHighRatioCount7d, [0, 0, 0, 0, 0, 1, 0, 0])
        expect(.customerHighRatioCount14d, [0, 0, 0, 0, 0, 1, 0, 0])
        // Largest earlier ratio in 14 days (row 0's missing ratio counts 0).
        expect(.customerMaxRatio14d, [nan, 0, 2, nan, 2, 7.5, nan, nan])
    }

    @Test func terminalFeaturesUseOnlyLabelsOlderThanTheDelay() {
        let nan = Double.nan
        // Terminal 10 rows 0, 1, 3, 4, 5, 7. Row 4 (8D) knows rows with time ≤ D: rows 0 and 1 (fraud);
        // row 4's own fraud is not known to it or to row 5. 1-day window (0, D]: row 1 only → 1
        // transaction, risk 1; 7 and 30 days: rows 0, 1 → 2, risk 0.5. Row 5 (8D + 1 h): the
        // 1-day window (1 h, D + 1 h] is empty → 0, risk 0.
        // Row 7 (16D) knows rows ≤ 9D: 1 day (8D, 9D] → row 5 (0 frauds); 7 days (2D, 9D] → rows 4, 5
        // (row 4 a fraud) → 2, 0.5; 30 days → all five, frauds rows 1 and 4 → 2 / 5.
        expect(.terminalTransactions1d, [0, 0, 0, 0, 1, 0, 0, 1])
        expect(.terminalRisk1d, [0, 0, 0, 0, 1, 0, 0, 0])
        expect(.terminalTransactions7d, [0, 0, 0, 0, 2, 2, 0, 2])
        expect(.terminalRisk7d, [0, 0, 0, 0, 0.5, 0.5, 0, 0.5])
        expect(.terminalTransactions30d, [0, 0, 0, 0, 2, 2, 0, 5])
        expect(.terminalRisk30d, [0, 0, 0, 0, 0.5, 0.5, 0, 0.4])
        expect(.terminalKnownFrauds7d, [0, 0, 0, 0, 1, 1, 0, 1])
        expect(.terminalKnownFrauds14d, [0, 0, 0, 0, 1, 1, 0, 2])
        expect(.terminalKnownFrauds28d, [0, 0, 0, 0, 1, 1, 0, 2])
        // Row 1's fraud at 1 h: (8D − 1 h) / D = 7.958333…, and (8D + 1 h − 1 h) / D = 8; row 7's
        // latest known fraud is row 4 (16D − 8D = 8 days), its first in 35 days row 1 (15.958333…).
        expect(.terminalDaysSinceKnownFraud, [nan, nan, nan, nan, 7 + 23.0 / 24, 8, nan, 8])
        expect(.terminalDaysSinceFirstKnownFraud35d, [nan, nan, nan, nan, 7 + 23.0 / 24, 8, nan, 15 + 23.0 / 24])
    }

    @Test func fraudsTheCardExplainsAreNotTheTerminals() {
        let nan = Double.nan
        // Row 1's fraud (20 = 2 × its card's median) is unexplained; row 4's (150 = 7.5 × the
        // median, above 3) is explained by its card. Row 7's 7-day window (2D, 9D] holds only row 4.
        expect(.terminalUnexplainedFrauds7d, [0, 0, 0, 0, 1, 1, 0, 0])
        expect(.terminalUnexplainedFrauds14d, [0, 0, 0, 0, 1, 1, 0, 1])
        expect(.terminalUnexplainedFrauds28d, [0, 0, 0, 0, 1, 1, 0, 1])
        expect(.terminalDaysSinceUnexplainedFraud, [nan, nan, nan, nan, 7 + 23.0 / 24, 8, nan, 15 + 23.0 / 24])
    }

    @Test func rowsAreRowMajorInTheColumnsAsked() {
        let r = f.rows([4, 0], columns: [.amount, .customerTransactions30d])
        #expect(r == [150, 4, 10, 1])
    }

    @Test func unsortedOrMismatchedInputIsRefused() {
        #expect(throws: RiskModelError.self) {
            _ = try HandbookRiskFeatures(seconds: [5, 1], customers: [1, 1], terminals: [1, 1], amounts: [1, 1], frauds: [false, false])
        }
        #expect(throws: RiskModelError.self) {
            _ = try HandbookRiskFeatures(seconds: [1], customers: [1, 2], terminals: [1], amounts: [1], frauds: [false])
        }
    }

    @Test func baselineAndStorewiseColumnSets() {
        #expect(HandbookRiskFeatures.Column.baseline.count == 15)
        #expect(HandbookRiskFeatures.Column.baseline.first == .amount)
        #expect(HandbookRiskFeatures.Column.storewise.count == HandbookRiskFeatures.Column.allCases.count)
    }
}
