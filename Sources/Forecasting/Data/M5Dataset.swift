/// Daily item × store sales in the M5 competition's file layout, with its calendar and prices.
///
/// Parsing is pure: pass the files' text. `storewise forecast` and `storewise backtest` read any
/// files in this layout, so the checks on `m5_tiny` can be reproduced on other data.
public struct M5Dataset: Sendable {
    public var series: [M5Series]
    /// Calendar rows in day order; may be empty when no calendar was given.
    public var calendar: [M5CalendarDay]
    /// Weekly sell price per `store_id|item_id`, keyed by `wm_yr_wk`.
    public var prices: [String: [Int: Double]]

    public init(series: [M5Series], calendar: [M5CalendarDay] = [], prices: [String: [Int: Double]] = [:]) {
        self.series = series
        self.calendar = calendar
        self.prices = prices
    }

    /// Number of days in every series.
    public var dayCount: Int { series.first?.sales.count ?? 0 }

    /// The sell price of `item` in `store` in Walmart week `week`, if the item was on sale then.
    public func price(store: String, item: String, week: Int) -> Double? {
        prices[store + "|" + item]?[week]
    }

    /// Parses `sales_train_*.csv` text: `id,item_id,dept_id,cat_id,store_id,state_id,d_1…d_n`.
    public static func parseSales(_ text: String, file: String = "sales") throws -> [M5Series] {
        var lines = text.split(whereSeparator: \.isNewline).makeIterator()
        guard let header = lines.next() else { throw M5DataError(file: file, line: 1, field: "header", reason: "file is empty") }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let expected = ["id", "item_id", "dept_id", "cat_id", "store_id", "state_id"]
        guard columns.count > 6, Array(columns.prefix(6)) == expected else {
            throw M5DataError(file: file, line: 1, field: "header", reason: "expected \(expected.joined(separator: ",")),d_1,… but got \(columns.prefix(7).joined(separator: ","))")
        }
        let days = columns.count - 6
        var result: [M5Series] = []
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns.count else {
                throw M5DataError(file: file, line: lineNumber, field: "row", reason: "has \(fields.count) fields, header has \(columns.count)")
            }
            var sales = [Double](repeating: 0, count: days)
            for d in 0..<days {
                guard let value = Double(fields[6 + d]), value.isFinite, value >= 0 else {
                    throw M5DataError(file: file, line: lineNumber, field: columns[6 + d], reason: "'\(fields[6 + d])' is not a non-negative number")
                }
                sales[d] = value
            }
            result.append(M5Series(
                id: String(fields[0]), itemID: String(fields[1]), departmentID: String(fields[2]),
                categoryID: String(fields[3]), storeID: String(fields[4]), stateID: String(fields[5]), sales: sales))
        }
        return result
    }

    /// Parses `calendar.csv` text.
    public static func parseCalendar(_ text: String, file: String = "calendar") throws -> [M5CalendarDay] {
        var lines = text.split(whereSeparator: \.isNewline).makeIterator()
        guard let header = lines.next() else { throw M5DataError(file: file, line: 1, field: "header", reason: "file is empty") }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func index(_ name: String) throws -> Int {
            guard let i = columns.firstIndex(of: name) else {
                throw M5DataError(file: file, line: 1, field: name, reason: "column is missing")
            }
            return i
        }
        let date = try index("date"), week = try index("wm_yr_wk"), wday = try index("wday"), month = try index("month")
        let year = try index("year"), day = try index("d")
        let eventNames = [try index("event_name_1"), try index("event_name_2")]
        let eventTypes = [try index("event_type_1"), try index("event_type_2")]
        let snapColumns = columns.enumerated().filter { $0.element.hasPrefix("snap_") }
        var result: [M5CalendarDay] = []
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == columns.count else {
                throw M5DataError(file: file, line: lineNumber, field: "row", reason: "has \(f.count) fields, header has \(columns.count)")
            }
            func int(_ i: Int) throws -> Int {
                guard let v = Int(f[i]) else { throw M5DataError(file: file, line: lineNumber, field: columns[i], reason: "'\(f[i])' is not an integer") }
                return v
            }
            var snap: [String: Bool] = [:]
            for (i, name) in snapColumns { snap[String(name.dropFirst(5))] = try int(i) != 0 }
            result.append(M5CalendarDay(
                date: f[date], week: try int(week), weekday: try int(wday), month: try int(month), year: try int(year),
                day: f[day], events: eventNames.map { f[$0] }.filter { !$0.isEmpty },
                eventTypes: eventTypes.map { f[$0] }.filter { !$0.isEmpty }, snap: snap))
        }
        return result
    }

    /// Parses `sell_prices.csv` text: `store_id,item_id,wm_yr_wk,sell_price`.
    public static func parsePrices(_ text: String, file: String = "sell_prices") throws -> [String: [Int: Double]] {
        var lines = text.split(whereSeparator: \.isNewline).makeIterator()
        guard let header = lines.next() else { throw M5DataError(file: file, line: 1, field: "header", reason: "file is empty") }
        guard header == "store_id,item_id,wm_yr_wk,sell_price" else {
            throw M5DataError(file: file, line: 1, field: "header", reason: "expected store_id,item_id,wm_yr_wk,sell_price")
        }
        var result: [String: [Int: Double]] = [:]
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 4 else { throw M5DataError(file: file, line: lineNumber, field: "row", reason: "has \(f.count) fields, expected 4") }
            guard let week = Int(f[2]) else { throw M5DataError(file: file, line: lineNumber, field: "wm_yr_wk", reason: "'\(f[2])' is not an integer") }
            guard let price = Double(f[3]), price.isFinite, price >= 0 else {
                throw M5DataError(file: file, line: lineNumber, field: "sell_price", reason: "'\(f[3])' is not a non-negative number")
            }
            result[f[0] + "|" + f[1], default: [:]][week] = price
        }
        return result
    }
}
