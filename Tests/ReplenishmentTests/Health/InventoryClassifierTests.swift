import Replenishment
import Testing

@Suite struct InventoryClassifierTests {
    /// Values 50, 30, 10, 5, 3, 2 (total 100). The share of the items ranked before each is
    /// 0, 50, 80, 90, 95, 98 %: A while below 80 %, B while below 95 % → A A B B C C.
    /// (The cumulative share including each, 50, 80, 90, 95, 98, 100 %, read with ≤ gives the same.)
    @Test func paretoHandCase() throws {
        #expect(try InventoryClassifier.abc(values: [50, 30, 10, 5, 3, 2]) == [.a, .a, .b, .b, .c, .c])
        // Input order is kept: the same values shuffled.
        #expect(try InventoryClassifier.abc(values: [3, 50, 2, 10, 30, 5]) == [.c, .a, .c, .b, .a, .b])
    }

    /// Convention: the item that crosses a threshold belongs to the class it crosses out of.
    /// 90, 6, 4: shares before 0, 90, 96 % → A, B, C (the top item is A although it alone passes 80 %).
    /// 70, 20, 10: shares before 0, 70, 90 % → A, A (crosses 80 %), B.
    /// 80, 15, 5: shares before 0, 80, 95 % → A, B, C (exactly on a threshold is not below it).
    @Test func theCrossingItemStaysInTheHigherClass() throws {
        #expect(try InventoryClassifier.abc(values: [90, 6, 4]) == [.a, .b, .c])
        #expect(try InventoryClassifier.abc(values: [70, 20, 10]) == [.a, .a, .b])
        #expect(try InventoryClassifier.abc(values: [80, 15, 5]) == [.a, .b, .c])
    }

    /// aShare 0.5, bShare 0.9 on 50, 30, 10, 5, 3, 2: shares before 0, 50, 80, 90, 95, 98 % → A B B C C C.
    /// No revenue at all → every item C; no items → no classes.
    @Test func configurableThresholdsAndEdges() throws {
        #expect(try InventoryClassifier.abc(values: [50, 30, 10, 5, 3, 2], aShare: 0.5, bShare: 0.9)
            == [.a, .b, .b, .c, .c, .c])
        #expect(try InventoryClassifier.abc(values: [0, 0]) == [.c, .c])
        #expect(try InventoryClassifier.abc(values: []) == [])
    }

    /// CV = population sd / mean of the weeks:
    /// 10,10,10,10: sd 0 → CV 0 → X.
    /// 8, 12: mean 10, var (4 + 4)/2 = 4, sd 2 → 0.2 → X.
    /// 2, 4, 6: mean 4, var (4 + 0 + 4)/3 = 8/3, sd 1.633 → 0.408 → X.
    /// 5, 15: mean 10, var 25, sd 5 → 0.5 → Y (not below 0.5).
    /// 4, 16: mean 10, var 36, sd 6 → 0.6 → Y.
    /// 0, 20: mean 10, var 100, sd 10 → 1.0 → Z (not below 1.0).
    /// 0, 0, 0, 12: mean 3, var (9·3 + 81)/4 = 27, sd 5.196 → 1.732 → Z.
    /// 0, 0 and no weeks: no demand → Z.
    @Test func xyzFromHandComputedCVs() throws {
        let weeks: [[Double]] = [[10, 10, 10, 10], [8, 12], [2, 4, 6], [5, 15], [4, 16], [0, 20], [0, 0, 0, 12], [0, 0], []]
        #expect(try InventoryClassifier.xyz(weeklyDemand: weeks) == [.x, .x, .x, .y, .y, .z, .z, .z, .z])
        #expect(InventoryClassifier.coefficientOfVariation([8, 12]) == 0.2)
        #expect(abs(InventoryClassifier.coefficientOfVariation([2, 4, 6])! - (8.0 / 3).squareRoot() / 4) < 1e-15)
        #expect(abs(InventoryClassifier.coefficientOfVariation([0, 0, 0, 12])! - 27.0.squareRoot() / 3) < 1e-15)
        #expect(InventoryClassifier.coefficientOfVariation([0, 0]) == nil)
        // Limits 0.3 / 0.55: CV 0.2 → X, 0.5 → Y, 0.6 → Z.
        #expect(try InventoryClassifier.xyz(weeklyDemand: [[8, 12], [5, 15], [4, 16]], xLimit: 0.3, yLimit: 0.55)
            == [.x, .y, .z])
    }

    /// Days 1…17: 17 / 7 = 2 whole weeks counted back from the last day, days 4…10 (sum 4 + … + 10 = 49)
    /// and 11…17 (sum 11 + … + 17 = 98); the first three days are left out.
    @Test func weeklyTotalsEndYesterday() throws {
        let daily = (1...17).map(Double.init)
        #expect(try InventoryClassifier.weeklyTotals(daily) == [49, 98])
        #expect(try InventoryClassifier.weeklyTotals(daily, weeks: 1) == [98])
        #expect(try InventoryClassifier.weeklyTotals([1, 2, 3]) == [])
    }

    @Test func badInputNamesTheField() {
        #expect(healthErrorField { try InventoryClassifier.abc(values: [1, .nan]) } == "values[1]")
        #expect(healthErrorField { try InventoryClassifier.abc(values: [-1]) } == "values[0]")
        #expect(healthErrorField { try InventoryClassifier.abc(values: [1], aShare: 0) } == "aShare")
        #expect(healthErrorField { try InventoryClassifier.abc(values: [1], aShare: 1.2) } == "aShare")
        #expect(healthErrorField { try InventoryClassifier.abc(values: [1], aShare: 0.8, bShare: 0.7) } == "bShare")
        #expect(healthErrorField { try InventoryClassifier.xyz(weeklyDemand: [[1], [.nan]]) } == "weeklyDemand[1][0]")
        #expect(healthErrorField { try InventoryClassifier.xyz(weeklyDemand: [], xLimit: 0) } == "xLimit")
        #expect(healthErrorField { try InventoryClassifier.xyz(weeklyDemand: [], xLimit: 0.5, yLimit: 0.4) } == "yLimit")
        #expect(healthErrorField { try InventoryClassifier.weeklyTotals([1], weeks: -2) } == "weeks")
        #expect(healthErrorField { try InventoryClassifier.weeklyTotals([.nan]) } == "daily[0]")
    }
}
