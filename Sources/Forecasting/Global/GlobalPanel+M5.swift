extension GlobalPanel {
    /// A panel from data in M5 layout: the first `historyDays` days as history, the next
    /// `horizon` days' calendar and prices as known-in-advance inputs.
    ///
    /// Groups are item, department, category, store and state (codes in sorted name order);
    /// the region is the state, whose `snap_<state>` column gives the day flag; prices come from
    /// the weekly sell prices (`.nan` for weeks the item was not on sale).
    public static func m5(_ data: M5Dataset, historyDays: Int, horizon: Int) throws -> GlobalPanel {
        let total = historyDays + horizon
        guard historyDays >= 1, horizon >= 0 else {
            throw ForecastError.invalidParameter(name: "historyDays", reason: "must be at least 1 with a non-negative horizon")
        }
        guard data.calendar.count >= total else {
            throw ForecastError.invalidParameter(name: "calendar", reason: "has \(data.calendar.count) days, needs \(total)")
        }
        guard data.dayCount >= historyDays else {
            throw ForecastError.invalidParameter(name: "sales", reason: "has \(data.dayCount) days, needs \(historyDays)")
        }
        func codes(_ key: (M5Series) -> String) -> [String: Int] {
            let names = Set(data.series.map(key)).sorted()
            return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        }
        let items = codes(\.itemID), departments = codes(\.departmentID), categories = codes(\.categoryID)
        let stores = codes(\.storeID), states = codes(\.stateID)
        let calendar = Array(data.calendar.prefix(total))
        // Code 0 means "no event"; names and types are numbered from 1 in sorted order.
        let eventNames = Set(calendar.flatMap(\.events)).sorted()
        let eventTypes = Set(calendar.flatMap(\.eventTypes)).sorted()
        let stateOrder = states.sorted { $0.value < $1.value }.map(\.key)
        let days = try calendar.map { day -> Day in
            let parts = day.date.split(separator: "-")
            guard parts.count == 3, let dom = Int(parts[2]) else {
                throw ForecastError.invalidParameter(name: "calendar.date", reason: "'\(day.date)' is not YYYY-MM-DD")
            }
            // M5 numbers weekdays from Saturday = 1; any fixed numbering serves the trees.
            return Day(
                dayOfWeek: day.weekday, month: day.month, dayOfMonth: dom,
                event: day.events.first.flatMap { eventNames.firstIndex(of: $0) }.map { $0 + 1 } ?? 0,
                eventType: day.eventTypes.first.flatMap { eventTypes.firstIndex(of: $0) }.map { $0 + 1 } ?? 0,
                regionFlags: stateOrder.map { day.snap[$0] ?? false })
        }
        let series = data.series.map { s -> Series in
            let weekly = data.prices[s.storeID + "|" + s.itemID] ?? [:]
            return Series(
                id: s.id, sales: Array(s.sales.prefix(historyDays)),
                prices: calendar.map { weekly[$0.week] ?? .nan },
                groups: [items[s.itemID]!, departments[s.departmentID]!, categories[s.categoryID]!, stores[s.storeID]!, states[s.stateID]!],
                region: states[s.stateID])
        }
        return GlobalPanel(days: days, series: series, groupNames: ["item", "department", "category", "store", "state"], historyLength: historyDays)
    }
}
