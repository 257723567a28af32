import Commerce
import Forecasting
import Pipeline
import Testing

/// The global model's panel from a shop's histories, on three hand-made series whose day axis,
/// padding, prices and group codes are worked out by hand below.
@Suite struct ShopPanelBuilderTests {
    static func day(_ text: String) -> Int { CivilDate(text)!.dayNumber }

    /// As of Wednesday 6 March 2024, horizon 2:
    /// - 11@77 (product 500, "Coffee", "Roastery"): sells from Friday 1 March, imputed values
    ///   2, 0, 4, 2, 2, 0; unit prices 10 on the 1st and 8 on the 3rd.
    /// - 12@5 (product unknown): sells from Monday the 4th, 1, 0, 3; unit price 2.5 on the 4th.
    /// - 13@77 (product 400, "Tea"): one sale on the 6th, no price known.
    static func inputs() -> [ShopPanelBuilder.Input] {
        func history(_ start: String, _ values: [Double]) -> DemandHistory {
            DemandHistory(startDay: day(start), observed: values, censored: values.map { _ in false }, values: values, stockAtEnd: nil)
        }
        return [
            ShopPanelBuilder.Input(variantID: 11, locationID: 77, history: history("2024-03-01", [2, 0, 4, 2, 2, 0]),
                                   unitPrices: [day("2024-03-01"): 10, day("2024-03-03"): 8],
                                   productID: 500, productType: "Coffee", vendor: "Roastery"),
            ShopPanelBuilder.Input(variantID: 12, locationID: 5, history: history("2024-03-04", [1, 0, 3]),
                                   unitPrices: [day("2024-03-04"): 2.5]),
            ShopPanelBuilder.Input(variantID: 13, locationID: 77, history: history("2024-03-06", [1]), productID: 400, productType: "Tea"),
        ]
    }

    /// The axis runs from the earliest start (1 March) through the as-of day (6 days of history)
    /// plus 2 horizon days; weekdays are ISO (Friday 1 March = 5 … Friday 8 March = 5).
    @Test func dayAxisCoversTheEarliestStartThroughTheHorizon() throws {
        let panel = try ShopPanelBuilder(asOf: CivilDate("2024-03-06")!, horizon: 2).panel(Self.inputs())
        #expect(panel.historyLength == 6)
        #expect(panel.horizon == 2)
        #expect(panel.days.map(\.dayOfWeek) == [5, 6, 7, 1, 2, 3, 4, 5])
        #expect(panel.days.map(\.month) == [Int](repeating: 3, count: 8))
        #expect(panel.days.map(\.dayOfMonth) == Array(1...8))
        #expect(panel.days.allSatisfy { $0.event == 0 && $0.eventType == 0 && $0.regionFlags.isEmpty })
        #expect(panel.series.map(\.id) == ["11@77", "12@5", "13@77"])
    }

    /// Later series are zero-padded before their first sale (the global model ignores days
    /// before it); the imputed values are taken as they are.
    @Test func laterSeriesArePaddedWithZeros() throws {
        let panel = try ShopPanelBuilder(asOf: CivilDate("2024-03-06")!, horizon: 2).panel(Self.inputs())
        #expect(panel.series[0].sales == [2, 0, 4, 2, 2, 0])
        #expect(panel.series[1].sales == [0, 0, 0, 1, 0, 3])
        #expect(panel.series[2].sales == [0, 0, 0, 0, 0, 1])
    }

    /// 11@77: 10 on the 1st and 2nd, 8 from the 3rd through the horizon. 12@5: its one price
    /// 2.5 carried back to the 1st and forward to the 8th. 13@77: no price, `.nan` throughout.
    @Test func pricesAreCarriedForwardAndBackward() throws {
        let panel = try ShopPanelBuilder(asOf: CivilDate("2024-03-06")!, horizon: 2).panel(Self.inputs())
        #expect(panel.series[0].prices == [10, 10, 8, 8, 8, 8, 8, 8])
        #expect(panel.series[1].prices == [Double](repeating: 2.5, count: 8))
        #expect(panel.series[2].prices.count == 8 && panel.series[2].prices.allSatisfy(\.isNaN))
    }

    /// Products: the variant of unknown product (12) first, then 400, 500 → 12: 0, 13: 1, 11: 2.
    /// Locations 5 → 0, 77 → 1. Types: unknown 0, "Coffee" 1, "Tea" 2. Vendors: unknown 0, "Roastery" 1.
    @Test func groupCodesNumberProductsLocationsTypesAndVendors() throws {
        let panel = try ShopPanelBuilder(asOf: CivilDate("2024-03-06")!, horizon: 2).panel(Self.inputs())
        #expect(panel.groupNames == ["product", "location", "productType", "vendor"])
        #expect(panel.series.map(\.groups) == [[2, 1, 1, 1], [0, 0, 0, 0], [1, 1, 2, 0]])
        #expect(panel.series.allSatisfy { $0.region == nil })
    }

    /// Weekdays across a leap day and before 1970 (1970-01-01 was a Thursday).
    @Test func weekdaysFromTheCivilDate() {
        #expect(ShopPanelBuilder.weekday(CivilDate("2024-02-29")!) == 4)
        #expect(ShopPanelBuilder.weekday(CivilDate("1970-01-01")!) == 4)
        #expect(ShopPanelBuilder.weekday(CivilDate("1969-12-28")!) == 7)
    }

    @Test func historiesMustEndOnTheAsOfDay() throws {
        #expect(throws: ForecastError.emptySeries) { try ShopPanelBuilder(asOf: CivilDate("2024-03-06")!, horizon: 2).panel([]) }
        #expect(throws: ForecastError.self) { try ShopPanelBuilder(asOf: CivilDate("2024-03-07")!, horizon: 2).panel(Self.inputs()) }
    }
}
