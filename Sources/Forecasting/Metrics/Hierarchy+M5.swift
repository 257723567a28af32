extension Hierarchy {
    /// Label keys of the 12 levels of the M5 competition (Competitors' Guide, Table 1), in
    /// M5's order: total, state, store, category, department, state×category, state×department,
    /// store×category, store×department, item, item×state, item×store.
    public static let m5LevelLabels: [[String]] = [
        [], ["state"], ["store"], ["cat"], ["dept"], ["state", "cat"], ["state", "dept"],
        ["store", "cat"], ["store", "dept"], ["item"], ["item", "state"], ["item", "store"],
    ]

    /// Names of the 12 M5 levels, matching `m5LevelLabels`.
    public static let m5LevelNames: [String] = [
        "Total", "State", "Store", "Category", "Department", "State×Category", "State×Department",
        "Store×Category", "Store×Department", "Item", "Item×State", "Item×Store",
    ]

    /// The M5 hierarchy over `dataset`'s series, with the given M5 level numbers (1…12; all by
    /// default). Each series is labelled by `M5Series.labels`.
    ///
    /// ```swift
    /// let h = try Hierarchy.m5(dataset)          // 12 levels
    /// let w = try dataset.dollarSales(endingBefore: 1885)
    /// ```
    public static func m5(_ dataset: M5Dataset, levels: [Int] = Array(1...12)) throws -> Hierarchy {
        for l in levels where !(1...12).contains(l) {
            throw ForecastError.invalidParameter(name: "levels", reason: "M5 level \(l) is not in 1…12")
        }
        return try Hierarchy(
            labels: dataset.series.map(\.labels),
            levels: levels.map { m5LevelLabels[$0 - 1] },
            names: levels.map { m5LevelNames[$0 - 1] })
    }
}

extension M5Series {
    /// The series' labels under the keys the M5 levels use: `item`, `dept`, `cat`, `store`,
    /// `state`.
    public var labels: [String: String] {
        ["item": itemID, "dept": departmentID, "cat": categoryID, "store": storeID, "state": stateID]
    }
}

extension M5Dataset {
    /// Dollar sales per series, `Σ units × sell price`, over the `days` days before day index
    /// `end` (0-based, exclusive: `end` = number of training days): M5's WRMSSE/WSPL weights
    /// use the last 28 training days. The price of a day is its Walmart week's price (through
    /// the calendar's `wm_yr_wk`); a week without a price means the item was not on sale and
    /// counts as 0 dollars.
    /// - Throws: `ForecastError.invalidParameter` when the window is outside the series or the
    ///   calendar does not cover it.
    public func dollarSales(endingBefore end: Int, days: Int = 28) throws -> [Double] {
        guard days >= 1 else { throw ForecastError.invalidParameter(name: "days", reason: "must be at least 1, got \(days)") }
        guard end >= days, end <= dayCount else {
            throw ForecastError.invalidParameter(name: "end", reason: "window \(end - days)..<\(end) is outside the \(dayCount) days")
        }
        guard calendar.count >= end else {
            throw ForecastError.invalidParameter(name: "calendar", reason: "has \(calendar.count) days, the window ends at day \(end)")
        }
        let weeks = calendar[(end - days)..<end].map(\.week)
        return series.map { s in
            guard let byWeek = prices[s.storeID + "|" + s.itemID] else { return 0 }
            var dollars = 0.0
            for (k, d) in ((end - days)..<end).enumerated() where s.sales[d] != 0 {
                dollars += s.sales[d] * (byWeek[weeks[k]] ?? 0)
            }
            return dollars
        }
    }
}
