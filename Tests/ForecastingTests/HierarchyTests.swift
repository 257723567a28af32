import Forecasting
import Testing
import TestSupport

@Suite struct HierarchyTests {
    // MARK: A 2-store × 2-item example worked by hand

    /// Bottom series A1, B1 (store 1) and A2, B2 (store 2), 3 training days, horizon 2.
    static let labels: [[String: String]] = [
        ["item": "A", "store": "S1"], ["item": "B", "store": "S1"],
        ["item": "A", "store": "S2"], ["item": "B", "store": "S2"],
    ]
    static let histories: [[Double]] = [[1, 2, 1], [0, 2, 4], [2, 2, 4], [3, 1, 3]]
    static let actuals: [[Double]] = [[2, 2], [4, 2], [3, 3], [2, 2]]
    static let forecasts: [[Double]] = [[1, 1], [4, 4], [3, 1], [2, 2]]
    /// Dollar weights 1, 3, 2, 2 (sum 8).
    static let weights: [Double] = [1, 3, 2, 2]

    static func evaluator() throws -> HierarchyEvaluator {
        let h = try Hierarchy(labels: labels, levels: [[], ["store"], ["item"], ["item", "store"]])
        return try HierarchyEvaluator(hierarchy: h, histories: histories, actuals: actuals, bottomWeights: weights)
    }

    @Test func groupsAndWeights() throws {
        let h = try Hierarchy(labels: Self.labels, levels: [[], ["store"], ["item"], ["item", "store"]])
        #expect(h.counts == [1, 2, 2, 4])
        #expect(h.levels.map(\.name) == ["Total", "store", "item", "item×store"])
        #expect(h.levels[1].groups == ["S1", "S2"])
        #expect(h.levels[2].members == [[0, 2], [1, 3]])
        #expect(h.levels[3].groups == ["A/S1", "B/S1", "A/S2", "B/S2"])
        // store: (1+3)/8, (2+2)/8; item: A (1+2)/8, B (3+2)/8.
        let w = try h.levelWeights(bottomWeights: Self.weights)
        #expect(w == [[1], [0.5, 0.5], [0.375, 0.625], [0.125, 0.375, 0.25, 0.25]])
        #expect(h.levels[1].aggregate(Self.histories) == [[1, 4, 5], [5, 3, 7]])
    }

    /// Per group: history → active part → mean squared one-step difference; errors → MSE.
    /// - A1: diffs 1,−1 → scale 1; errors 1,1 → MSE 1; RMSSE 1.
    /// - B1: active 2,4 → diff 2 → scale 4; errors 0,−2 → MSE 2; RMSSE √(2/4) = √0.5.
    /// - A2: diffs 0,2 → scale 2; errors 0,2 → MSE 2; RMSSE 1.
    /// - B2: diffs −2,2 → scale 4; errors 0,0 → RMSSE 0.
    ///   Level 12: (1·1 + 3·√0.5 + 2·1 + 2·0)/8.
    /// - S1 = A1+B1: history 1,4,5, diffs 3,1 → scale 5; actual 6,4 vs 5,5 → MSE 1; √(1/5).
    /// - S2 = A2+B2: history 5,3,7, diffs −2,4 → scale 10; actual 5,5 vs 5,3 → MSE 2; √(2/10).
    ///   Store level: ½√0.2 + ½√0.2 = √0.2.
    /// - A = A1+A2: history 3,4,5 → scale 1; actual 5,5 vs 4,2 → MSE (1+9)/2 = 5; √5.
    /// - B = B1+B2: history 3,3,7 → diffs 0,4 → scale 8; actual 6,4 vs 6,6 → MSE 2; √(2/8) = 0.5.
    ///   Item level: (3/8)√5 + (5/8)·0.5.
    /// - Total: history 6,7,12, diffs 1,5 → scale 13; actual 11,9 vs 10,8 → MSE 1; √(1/13).
    /// Overall: the mean of the four levels.
    @Test func wrmsseByHand() throws {
        let score = try Self.evaluator().wrmsse(forecasts: Self.forecasts)
        let total = (1.0 / 13).squareRoot()
        let store = 0.2.squareRoot()
        let item = 3.0 / 8 * 5.0.squareRoot() + 5.0 / 8 * 0.5
        let bottom = (1 + 3 * 0.5.squareRoot() + 2) / 8
        let expected = [total, store, item, bottom]
        for (level, value) in zip(score.levels, expected) { #expect(abs(level.value - value) < 1e-15, "\(level.name)") }
        #expect(abs(score.overall - (total + store + item + bottom) / 4) < 1e-15)
        #expect(abs(score.levels[3].scores[1] - 0.5.squareRoot()) < 1e-15)
        #expect(abs(score.levels[2].scores[0] - 5.0.squareRoot()) < 1e-15)
    }

    /// Quantiles {0.1, 0.9}; bottom paths (Q0.1 | Q0.9): A1 0,0 | 2,2; B1 3,3 | 5,5;
    /// A2 2,0 | 4,2; B2 1,1 | 3,3. Pinball u·(y−Q) above Q, (1−u)(Q−y) below.
    /// - A1 (actual 2,2): u=.1: .2,.2 → .2; u=.9: 0,0 → 0; mean .1; scale 1 → SPL .1.
    /// - B1 (4,2): u=.1: .1, .9 → .5; u=.9: .1, .3 → .2; mean .35; scale 2 → .175.
    /// - A2 (3,3): u=.1: .1, .3 → .2; u=.9: .1, .9 → .5; mean .35; scale 1 → .35.
    /// - B2 (2,2): u=.1: .1,.1 → .1; u=.9: .1,.1 → .1; mean .1; scale 2 → .05.
    ///   Bottom level: (1·.1 + 3·.175 + 2·.35 + 2·.05)/8 = 1.425/8 = 0.178125.
    /// - Total, quantiles summed: Q0.1 = 6,4; Q0.9 = 14,12; actual 11,9.
    ///   u=.1: .5,.5 → .5; u=.9: .3,.3 → .3; mean .4; scale mean|1,5| = 3 → .4/3.
    @Test func wsplByHandWithSummedAndGivenQuantiles() throws {
        let h = try Hierarchy(labels: Self.labels, levels: [[], ["item", "store"]])
        let eval = try HierarchyEvaluator(hierarchy: h, histories: Self.histories, actuals: Self.actuals, bottomWeights: Self.weights)
        let q: [[[Double]]] = [[[0, 0], [2, 2]], [[3, 3], [5, 5]], [[2, 0], [4, 2]], [[1, 1], [3, 3]]]
        let score = try eval.wspl(quantiles: [0.1, 0.9], forecasts: q)
        #expect(abs(score.levels[0].value - 0.4 / 3) < 1e-15)
        #expect(abs(score.levels[1].value - 1.425 / 8) < 1e-15)
        #expect(abs(score.overall - (0.4 / 3 + 1.425 / 8) / 2) < 1e-15)
        // A total forecast made at its own level (both quantiles on the actuals 11,9) replaces
        // the sum: pinball 0 there, the bottom level unchanged.
        let given = try eval.wspl(quantiles: [0.1, 0.9], forecasts: q, levelForecasts: [0: [[[11, 9], [11, 9]]]])
        #expect(given.levels[0].value == 0)
        #expect(abs(given.overall - 1.425 / 16) < 1e-15)
    }

    /// Level forecasts equal to the bottom-up sums give the same score; a level forecast
    /// changes only its own level.
    @Test func levelForecastsOverrideTheSums() throws {
        let eval = try Self.evaluator()
        let bottomUp = try eval.wrmsse(forecasts: Self.forecasts)
        let all = Dictionary(uniqueKeysWithValues: eval.hierarchy.levels.enumerated().map { ($0, $1.aggregate(Self.forecasts)) })
        #expect(try eval.wrmsse(forecasts: nil, levelForecasts: all) == bottomUp)
        // Total forecast 11, 9 is perfect: level 1 becomes 0, others stay.
        let topPerfect = try eval.wrmsse(forecasts: Self.forecasts, levelForecasts: [0: [[11, 9]]])
        #expect(topPerfect.levels[0].value == 0)
        #expect(Array(topPerfect.levels.dropFirst()) == Array(bottomUp.levels.dropFirst()))
        #expect(throws: ForecastError.self) { try eval.wrmsse(forecasts: nil) }
        #expect(throws: ForecastError.self) { try eval.wrmsse(forecasts: [[1, 1]]) }
    }

    @Test func missingLabelIsNamed() {
        #expect(throws: ForecastError.invalidParameter(name: "labels[1]", reason: "has no label 'store' (needed by level 1)")) {
            try Hierarchy(labels: [["store": "S1"], ["item": "A"]], levels: [["store"]])
        }
    }

    /// Two series in one store over 3 days; the calendar puts days 1–2 in week 100 and day 3 in
    /// week 101. Series 0 sells 1, 2, 3 at 2.00 (week 100) and 5.00 (week 101):
    /// 1·2 + 2·2 + 3·5 = 21. Series 1 sells 4, 0, 1 and has a price only in week 100 (1.50):
    /// 4·1.5 + 0 + 1·0 (not on sale in week 101) = 6. The last 2 days: 2·2 + 3·5 = 19 and 0.
    @Test func dollarSalesByHand() throws {
        func day(_ d: Int, _ week: Int) -> M5CalendarDay {
            M5CalendarDay(date: "", week: week, weekday: 1, month: 1, year: 2011, day: "d_\(d)", events: [], eventTypes: [], snap: [:])
        }
        let data = M5Dataset(
            series: [
                M5Series(id: "A_S", itemID: "A", departmentID: "D", categoryID: "C", storeID: "S", stateID: "X", sales: [1, 2, 3]),
                M5Series(id: "B_S", itemID: "B", departmentID: "D", categoryID: "C", storeID: "S", stateID: "X", sales: [4, 0, 1]),
            ],
            calendar: [day(1, 100), day(2, 100), day(3, 101)],
            prices: ["S|A": [100: 2, 101: 5], "S|B": [100: 1.5]])
        #expect(try data.dollarSales(endingBefore: 3, days: 3) == [21, 6])
        #expect(try data.dollarSales(endingBefore: 3, days: 2) == [19, 0])
        #expect(throws: ForecastError.self) { try data.dollarSales(endingBefore: 4, days: 2) }
    }

    // MARK: m5_tiny

    /// 28 items × 10 stores in 3 states, 3 categories, 7 departments (data README): every M5
    /// level exists. Counts: 1, 3, 10, 3, 7, 3·3, 3·7, 10·3, 10·7, 28, 28·3, 28·10.
    @Test func m5TinyLevelCountsAndWeights() throws {
        guard let m5 = M5Tiny.load() else { return }
        let h = try Hierarchy.m5(m5.dataset)
        #expect(h.counts == [1, 3, 10, 3, 7, 9, 21, 30, 70, 28, 84, 280])
        let dollars = try m5.dataset.dollarSales(endingBefore: M5Tiny.trainDays)
        #expect(dollars.allSatisfy { $0 >= 0 } && dollars.contains { $0 > 0 })
        for (level, w) in zip(h.levels, try h.levelWeights(bottomWeights: dollars)) {
            var sum = 0.0
            for x in w { sum += x }
            #expect(abs(sum - 1) < 1e-12, "\(level.name)")
        }
        // A subset the labels allow, in the caller's order.
        let subset = try Hierarchy.m5(m5.dataset, levels: [1, 2, 3, 4, 5, 10, 12])
        #expect(subset.counts == [1, 3, 10, 3, 7, 28, 280])
        #expect(subset.levels.map(\.name) == ["Total", "State", "Store", "Category", "Department", "Item", "Item×Store"])
    }

    /// At the bottom level alone with equal weights WRMSSE is the plain mean RMSSE over the
    /// 280 series, which the reference scores file gives for statsforecast's TSB: 0.769568.
    @Test func levelTwelveWithEqualWeightsIsTheReferenceMeanRMSSE() throws {
        guard let m5 = M5Tiny.load() else { return }
        let count = m5.dataset.series.count
        let eval = try HierarchyEvaluator(
            hierarchy: try Hierarchy.m5(m5.dataset, levels: [12]),
            histories: (0..<count).map { m5.train($0) }, actuals: (0..<count).map { m5.actual($0) },
            bottomWeights: [Double](repeating: 1, count: count))
        for model in ["TSB", "Naive", "AutoETS"] {
            let forecasts = try (0..<count).map { try #require(m5.reference(model, series: $0)) }
            let expected = try #require(m5.referenceScores[model]).rmsse
            #expect(abs(try eval.wrmsse(forecasts: forecasts).overall - expected) < 5e-6, "\(model)")
        }
    }

    /// WRMSSE over the 12 M5 levels of statsforecast's own reference forecasts, dollar weights
    /// from the last 28 training days. No independent value exists, so it is printed, not
    /// asserted; the structural facts are checked above.
    @Test func m5TinyReferenceWRMSSE() throws {
        guard let m5 = M5Tiny.load() else { return }
        let eval = try HierarchyEvaluator.m5(m5.dataset, trainDays: M5Tiny.trainDays, horizon: M5Tiny.horizon)
        var summary: [String] = []
        for model in m5.referenceForecasts.keys.sorted() {
            let forecasts = try (0..<m5.dataset.series.count).map { try #require(m5.reference(model, series: $0)) }
            let score = try eval.wrmsse(forecasts: forecasts)
            #expect(score.overall.isFinite && score.overall > 0)
            if model == "TSB" { print("m5_tiny WRMSSE, statsforecast TSB(0.1, 0.1):\n\(score.table)") }
            summary.append("\(model): \(score.overall)")
        }
        print("m5_tiny WRMSSE (12 levels) of statsforecast 2.1.1's reference forecasts:\n" + summary.joined(separator: "\n"))
    }
}
