import Forecasting
import Foundation
import Testing

/// The global model's features by hand and its behaviour on a small synthetic panel.
@Suite struct GlobalModelTests {
    /// One series over 21 days of history and 2 days ahead (sales below), first sale on day 3.
    static func tinyPanel() -> GlobalPanel {
        let sales: [Double] = [0, 0, 0, 1, 0, 2, 3, 0, 1, 4, 0, 2, 1, 0, 3, 5, 0, 1, 2, 0, 4]
        let days = (0..<23).map { i in
            GlobalPanel.Day(dayOfWeek: i % 7 + 1, month: 1, dayOfMonth: i + 1, event: i == 22 ? 2 : 0, eventType: i == 22 ? 1 : 0, regionFlags: [i % 2 == 0])
        }
        // Not on sale before day 3, 2.00 until day 13, then discounted to 1.50.
        let prices = (0..<23).map { $0 < 3 ? Double.nan : ($0 < 14 ? 2.0 : 1.5) }
        let series = GlobalPanel.Series(id: "a", sales: sales, prices: prices, groups: [0], region: 0)
        return GlobalPanel(days: days, series: [series], groupNames: ["item"], historyLength: 21)
    }

    @Test func featuresMatchAHandCalculation() throws {
        var f = GlobalFeatures()
        f.minimumLag = 2
        f.originLags = [0, 1]
        f.targetLags = [7, 1]
        f.rollingWindows = [3, 30]
        f.zeroShareWindows = [4]
        f.sameWeekdayWeeks = [2]
        f.groupAggregates = [0]
        f.groupAggregateWindows = [3]
        let panel = Self.tinyPanel()
        let names = f.names(groupNames: panel.groupNames, horizonFeature: true)
        let row = try f.values(in: panel, series: 0, target: 22, origin: 20, horizonFeature: true)
        #expect(row.count == names.count)
        var value: [String: Float] = [:]
        for (n, v) in zip(names, row) { value[n] = v }
        func expectNear(_ name: String, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
            let got = value[name].map(Double.init) ?? .infinity
            #expect(abs(got - expected) < 1e-5, "\(name)", sourceLocation: sourceLocation)
        }
        // Sales on the origin (day 20) and the day before it.
        expectNear("origin_lag_0", 4)
        expectNear("origin_lag_1", 0)
        // Target lag 7 is day 15 (5 sold); lag 1 is day 21, after the origin: missing.
        expectNear("sales_target_lag_7", 5)
        #expect(value["sales_target_lag_1"]!.isNaN)
        // Days 18…20 sold 2, 0, 4: mean 2, sample variance (0 + 4 + 4) / 2 = 4.
        expectNear("rolling_mean_3", 2)
        expectNear("rolling_std_3", 2)
        // A 30-day window is cut at the first sale (day 3): 18 days, sum 29, sum of squares 91.
        expectNear("rolling_mean_30", 29.0 / 18)
        expectNear("rolling_std_30", ((91 - 29.0 * 29 / 18) / 17).squareRoot())
        // Days 17…20: 1, 2, 0, 4, one zero in four.
        expectNear("zero_share_4", 0.25)
        // Day 22's weekday at or before the origin: days 15 and 8 (5 and 1).
        expectNear("weekday_mean_2w", 3)
        expectNear("level", 29.0 / 18)
        expectNear("days_since_sale", 0)
        expectNear("age", 19)
        expectNear("horizon", 2)
        expectNear("day_of_week", 2)
        expectNear("day_of_month", 23)
        expectNear("event", 2)
        expectNear("event_type", 1)
        expectNear("region_flag", 1)
        // Prices on days 3…22: eleven at 2.00 and nine at 1.50, mean 35.5 / 20.
        expectNear("price", 1.5)
        expectNear("price_to_mean", 1.5 / (35.5 / 20))
        expectNear("price_to_max", 0.75)
        expectNear("price_change_week", 0)
        expectNear("discounted", 1)
        expectNear("item_code", 0)
        expectNear("series_code", 0)
        // The item's only member is this series.
        expectNear("item_mean_3", 2)
        // Before the first sale nothing is known.
        let early = try f.values(in: panel, series: 0, target: 3, origin: 1)
        #expect(early[0].isNaN && early[names.firstIndex(of: "level")! - 1].isNaN)
    }

    @Test func invalidInputNamesTheField() throws {
        var panel = Self.tinyPanel()
        panel.series[0].sales.removeLast()
        #expect(throws: ForecastError.invalidParameter(name: "a.sales", reason: "has 20 days, expected 21")) { try panel.validate() }
        panel = Self.tinyPanel()
        panel.series[0].sales[4] = -1
        #expect(throws: ForecastError.invalidParameter(name: "a.sales[4]", reason: "must be a finite non-negative number")) { try panel.validate() }
        var model = GlobalModel()
        model.features.minimumLag = 1
        #expect(throws: ForecastError.invalidParameter(name: "features.minimumLag", reason: "1 is shorter than the horizon 2")) {
            try model.forecast(Self.tinyPanel())
        }
    }

    @Test func m5PanelCarriesCalendarPricesAndGroups() throws {
        let calendar = [
            M5CalendarDay(date: "2011-01-29", week: 11101, weekday: 1, month: 1, year: 2011, day: "d_1", events: [], eventTypes: [], snap: ["CA": false, "TX": true]),
            M5CalendarDay(date: "2011-01-30", week: 11101, weekday: 2, month: 1, year: 2011, day: "d_2", events: ["SuperBowl"], eventTypes: ["Sporting"], snap: ["CA": true, "TX": false]),
            M5CalendarDay(date: "2011-02-05", week: 11102, weekday: 1, month: 2, year: 2011, day: "d_3", events: [], eventTypes: [], snap: ["CA": true, "TX": true]),
        ]
        let series = [
            M5Series(id: "A_TX", itemID: "A", departmentID: "D", categoryID: "C", storeID: "TX_1", stateID: "TX", sales: [1, 0, 2]),
            M5Series(id: "B_CA", itemID: "B", departmentID: "D", categoryID: "C", storeID: "CA_1", stateID: "CA", sales: [0, 3, 1]),
        ]
        let data = M5Dataset(series: series, calendar: calendar, prices: ["TX_1|A": [11101: 2.5], "CA_1|B": [11101: 1.0, 11102: 0.8]])
        let panel = try GlobalPanel.m5(data, historyDays: 2, horizon: 1)
        try panel.validate()
        #expect(panel.horizon == 1 && panel.series[0].sales == [1, 0])
        #expect(panel.groupNames == ["item", "department", "category", "store", "state"])
        // Codes in sorted name order: item A = 0, B = 1; store CA_1 = 0, TX_1 = 1; state CA = 0, TX = 1.
        #expect(panel.series[0].groups == [0, 0, 0, 1, 1] && panel.series[1].groups == [1, 0, 0, 0, 0])
        #expect(panel.series[0].region == 1)
        #expect(panel.days.map(\.dayOfMonth) == [29, 30, 5])
        #expect(panel.days.map(\.event) == [0, 1, 0] && panel.days.map(\.eventType) == [0, 1, 0])
        #expect(panel.days[0].regionFlags == [false, true] && panel.days[1].regionFlags == [true, false])
        // A's price is unknown in week 11102.
        #expect(panel.series[0].prices[0] == 2.5 && panel.series[0].prices[2].isNaN)
        #expect(panel.series[1].prices == [1.0, 1.0, 0.8])
        #expect(throws: ForecastError.invalidParameter(name: "calendar", reason: "has 3 days, needs 4")) {
            try GlobalPanel.m5(data, historyDays: 2, horizon: 2)
        }
    }

    /// 12 series (3 items × 4 stores) of Poisson demand with a weekly profile, store levels and a
    /// price cut that doubles demand; the model must find the profile and the price effect.
    static func syntheticPanel(history: Int = 420, horizon: Int = 28) -> (panel: GlobalPanel, truth: [[Double]]) {
        var state: UInt64 = 2024
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        func poisson(_ mu: Double) -> Double {
            // Knuth's product-of-uniforms method; exact for the small means here.
            var k = 0.0, p = uniform()
            let limit = exp(-mu)
            while p > limit { k += 1; p *= uniform() }
            return k
        }
        let weekly = [0.6, 0.8, 0.9, 1.0, 1.1, 1.6, 1.9]
        let total = history + horizon
        let days = (0..<total).map { GlobalPanel.Day(dayOfWeek: $0 % 7 + 1, month: ($0 / 30) % 12 + 1, dayOfMonth: $0 % 30 + 1) }
        var series: [GlobalPanel.Series] = [], truth: [[Double]] = []
        for item in 0..<3 {
            for store in 0..<4 {
                let base = [0.4, 1.5, 4.0][item] * [0.7, 1.0, 1.2, 1.5][store]
                // A price cut on two weeks in every eight, also inside the horizon.
                let prices = (0..<total).map { ($0 / 7) % 8 < 2 ? 3.0 : 4.0 }
                let mu = (0..<total).map { base * weekly[$0 % 7] * (prices[$0] < 4 ? 2 : 1) }
                series.append(GlobalPanel.Series(id: "i\(item)_s\(store)", sales: (0..<history).map { poisson(mu[$0]) }, prices: prices, groups: [item, store]))
                truth.append(Array(mu[history...]))
            }
        }
        return (GlobalPanel(days: days, series: series, groupNames: ["item", "store"], historyLength: history), truth)
    }

    static func smallModel() -> GlobalModel {
        var model = GlobalModel()
        model.parameters.rounds = 150
        model.parameters.maxDepth = 4
        model.parameters.learningRate = 0.1
        model.parameters.threads = 1
        model.trainingDays = 300
        return model
    }

    /// A series whose first sale falls inside the validation window (a product launched last
    /// week) has no training rows; it used to trap on an empty range instead of being skipped.
    @Test func aSeriesLaunchedDuringValidationIsForecastNotATrap() throws {
        var (panel, _) = Self.syntheticPanel()
        let history = panel.historyLength
        var launched = panel.series[0]
        launched.id = "launched"
        launched.sales = (0..<history).map { $0 >= history - 5 ? 1 : 0 }
        panel.series.append(launched)
        let result = try Self.smallModel().forecast(panel)
        #expect(result.forecasts.count == panel.series.count)
        #expect(result.forecasts.last?.mean.count == 28)
    }

    @Test func learnsWeeklyProfileAndPriceEffect() throws {
        let (panel, truth) = Self.syntheticPanel()
        let result = try Self.smallModel().forecast(panel)
        #expect(result.forecasts.count == 12)
        var modelError = 0.0, flatError = 0.0
        for s in panel.series.indices {
            let f = result.forecasts[s]
            #expect(f.mean.count == 28 && f.mean.allSatisfy { $0 > 0 })
            let flat = panel.series[s].sales.suffix(56).reduce(0, +) / 56
            for h in 0..<28 {
                modelError += pow(f.mean[h] - truth[s][h], 2)
                flatError += pow(flat - truth[s][h], 2)
            }
        }
        // The flat 8-week mean misses the weekly and price swings; the trees should not.
        print("GlobalModel synthetic: squared error to the true mean \(modelError), flat mean \(flatError)")
        #expect(modelError < 0.25 * flatError)
    }

    @Test func intervalsAndQuantilesAreOrderedAndDeterministic() throws {
        let (panel, _) = Self.syntheticPanel()
        let model = Self.smallModel()
        let a = try model.forecast(panel), b = try model.forecast(panel)
        #expect(a.forecasts == b.forecasts)
        for s in panel.series.indices {
            let f = a.forecasts[s]
            #expect(f.intervals.map(\.level) == [50, 67, 95, 99])
            for h in 0..<28 {
                for (inner, outer) in zip(f.intervals, f.intervals.dropFirst()) {
                    #expect(outer.lower[h] <= inner.lower[h] && inner.upper[h] <= outer.upper[h])
                }
                #expect(f.intervals[0].lower[h] <= f.mean[h] + 1 && f.mean[h] <= f.intervals[0].upper[h] + 1)
            }
            let quantiles = QuantileLevels.m5.map { a.quantile($0, series: s) }
            for (lower, upper) in zip(quantiles, quantiles.dropFirst()) {
                #expect(zip(lower, upper).allSatisfy { $0 <= $1 })
            }
            #expect(a.dispersion[s] >= 0)
        }
        // SHAP contributions of a forecast day sum to the log of its mean (Tweedie's log link).
        let contributions = try a.contributions(series: 5)
        #expect(contributions.count == 28 && contributions[0].count == a.featureNames.count + 1)
        for h in [0, 13, 27] {
            let margin = Double(contributions[h].reduce(0, +))
            #expect(abs(exp(margin) - a.forecasts[5].mean[h]) < 1e-3 * a.forecasts[5].mean[h])
        }
    }
}
