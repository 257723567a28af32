/// Reads basket lines: CSV with a header row, one row per item in a basket, RFC-4180 quoting.
///
/// Columns, found by header name in any order:
/// - `basket_id` (required): the order or invoice. Ids starting with `C` are cancellations
///   (the UCI Online Retail convention) and are left out, like any line with quantity < 1.
/// - `item_id` or `item_name` (one required): the item key.
/// - `customer_id`, `timestamp` (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or ISO 8601 with `T`/`Z`,
///   read as UTC), `quantity` (integer): optional. Other columns are ignored.
///
/// Several sources (monthly files) feed one reader; a basket's lines may be spread over them.
/// A basket's time is the earliest time on its lines. Items in `excludedItems` (for example
/// postage or fee codes) are skipped.
///
/// ```swift
/// var reader = BasketLinesReader(excludedItems: ["POST"])
/// try reader.read(fileBytes, source: "online_retail_lines_2011-01.csv")
/// let data = reader.finish()
/// ```
public struct BasketLinesReader: Sendable {
    public var excludedItems: Set<String>
    private var data = BasketData()
    private var basketIndex: [String: Int] = [:]
    private var pendingItems: [[Int32]] = []
    private var cancelled: Set<String> = []

    public init(excludedItems: Set<String> = []) {
        self.excludedItems = excludedItems
    }

    /// Reads one CSV source. On error nothing from this source is kept.
    public mutating func read(_ bytes: [UInt8], source: String) throws(BasketLinesError) {
        let saved = (data, basketIndex, pendingItems, cancelled)
        do {
            try readUnchecked(bytes, source: source)
        } catch {
            (data, basketIndex, pendingItems, cancelled) = saved
            throw error
        }
    }

    /// The baskets read so far, items distinct and ascending.
    public func finish() -> BasketData {
        var result = data
        for index in result.baskets.indices {
            result.baskets[index].items = Array(Set(pendingItems[index])).sorted()
        }
        result.baskets.removeAll { $0.items.isEmpty }
        result.cancelledBasketCount = cancelled.subtracting(basketIndex.keys).count
        return result
    }

    private mutating func readUnchecked(_ bytes: [UInt8], source: String) throws(BasketLinesError) {
        var lineNumber = 0
        var columns: Columns?
        var fields: [Substring] = []
        let text = String(decoding: bytes, as: UTF8.self)
        // Lines and fields are found on the UTF-8 bytes: splitting the String itself walks
        // grapheme clusters, which made reading Online Retail's 406k lines take seconds.
        for rawLine in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.utf8.last == 13 { line = Substring(line.utf8.dropLast()) }
            if line.isEmpty { continue }
            try Self.splitFields(line, into: &fields, source: source, line: lineNumber)
            guard let columns else {
                columns = try Columns(header: fields, source: source)
                continue
            }
            try add(fields, columns: columns, source: source, line: lineNumber)
        }
        if columns == nil {
            throw BasketLinesError(source: source, line: 1, column: nil, reason: "empty file: a header row is required")
        }
    }

    private mutating func add(_ fields: [Substring], columns: Columns, source: String, line: Int) throws(BasketLinesError) {
        func field(_ index: Int, _ name: String) throws(BasketLinesError) -> Substring {
            guard index < fields.count else {
                throw BasketLinesError(source: source, line: line, column: name, reason: "missing: the row has \(fields.count) fields")
            }
            return fields[index]
        }
        data.lineCount += 1
        let basketID = try field(columns.basket, "basket_id")
        guard !basketID.isEmpty else {
            throw BasketLinesError(source: source, line: line, column: "basket_id", reason: "empty")
        }
        let itemKey = try field(columns.item, columns.itemName)
        guard !itemKey.isEmpty else {
            throw BasketLinesError(source: source, line: line, column: columns.itemName, reason: "empty")
        }
        var quantity = 1
        if let q = columns.quantity {
            let text = try field(q, "quantity")
            guard let value = Int(text) else {
                throw BasketLinesError(source: source, line: line, column: "quantity", reason: "'\(text)' is not an integer")
            }
            quantity = value
        }
        var time: Int64?
        if let t = columns.timestamp {
            let text = try field(t, "timestamp")
            if !text.isEmpty {
                guard let seconds = Self.parseTime(text) else {
                    throw BasketLinesError(source: source, line: line, column: "timestamp", reason: "'\(text)' is not YYYY-MM-DD[ HH:MM[:SS]]")
                }
                time = seconds
            }
        }
        let id = String(basketID)
        if basketID.first == "C" || quantity < 1 {
            data.returnLineCount += 1
            if basketIndex[id] == nil { cancelled.insert(id) }
            return
        }
        if excludedItems.contains(String(itemKey)) { return }
        let item = data.items.index(for: String(itemKey))
        if let index = basketIndex[id] {
            pendingItems[index].append(item)
            if let time, data.baskets[index].time.map({ time < $0 }) ?? true { data.baskets[index].time = time }
            return
        }
        var customer: Int32?
        if let c = columns.customer {
            let text = try field(c, "customer_id")
            if !text.isEmpty { customer = data.customers.index(for: String(text)) }
        }
        basketIndex[id] = data.baskets.count
        data.baskets.append(Basket(id: id, customer: customer, time: time, sortedItems: []))
        pendingItems.append([item])
    }

    /// Splits one CSV record (no embedded newlines) into fields, unquoting quoted ones.
    static func splitFields(_ line: Substring, into fields: inout [Substring], source: String, line number: Int) throws(BasketLinesError) {
        fields.removeAll(keepingCapacity: true)
        var index = line.startIndex
        while true {
            if index < line.endIndex, line.utf8[index] == 34 {
                var value = ""
                var i = line.index(after: index)
                var closed = false
                while i < line.endIndex {
                    if line[i] == "\"" {
                        let next = line.index(after: i)
                        if next < line.endIndex, line[next] == "\"" { value.append("\""); i = line.index(after: next); continue }
                        closed = true; i = next; break
                    }
                    value.append(line[i]); i = line.index(after: i)
                }
                guard closed else {
                    throw BasketLinesError(source: source, line: number, column: nil, reason: "unterminated quoted field")
                }
                fields.append(Substring(value))
                guard i < line.endIndex else { return }
                guard line[i] == "," else {
                    throw BasketLinesError(source: source, line: number, column: nil, reason: "text after a closing quote")
                }
                index = line.index(after: i)
            } else {
                let end = line.utf8[index...].firstIndex(of: 44) ?? line.endIndex
                fields.append(Substring(line.utf8[index..<end]))
                guard end < line.endIndex else { return }
                index = line.utf8.index(after: end)
            }
        }
    }

    /// Seconds since 1970 for `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` (a `T`
    /// instead of the space and a trailing `Z` are accepted), read as UTC.
    public static func parseTime(_ text: Substring) -> Int64? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard b.count >= 10, b[4] == 45, b[7] == 45,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = 0
        var rest = b.count > 10 ? Array(b[10...]) : []
        if rest.last == 90 { rest.removeLast() }  // Z
        if !rest.isEmpty {
            guard rest.count == 6 || rest.count == 9, rest[0] == 32 || rest[0] == 84, rest[3] == 58 else { return nil }
            let hm = Array(rest)
            func two(_ i: Int) -> Int? {
                guard hm[i] >= 48, hm[i] <= 57, hm[i + 1] >= 48, hm[i + 1] <= 57 else { return nil }
                return Int(hm[i] - 48) * 10 + Int(hm[i + 1] - 48)
            }
            guard let hour = two(1), let minute = two(4), hour < 24, minute < 60 else { return nil }
            seconds = hour * 3600 + minute * 60
            if rest.count == 9 {
                guard hm[6] == 58, let second = two(7), second < 61 else { return nil }
                seconds += second
            }
        }
        return Int64(daysFromCivil(year, month, day)) * 86_400 + Int64(seconds)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Where the known columns sit in a source's header.
    private struct Columns {
        var basket: Int
        var item: Int
        var itemName: String
        var customer: Int?
        var timestamp: Int?
        var quantity: Int?

        init(header: [Substring], source: String) throws(BasketLinesError) {
            let names = header.map { $0.trimmingSpaces.lowercased() }
            guard let basket = names.firstIndex(of: "basket_id") else {
                throw BasketLinesError(source: source, line: 1, column: "basket_id", reason: "the header has no basket_id column (it has \(names.joined(separator: ", ")))")
            }
            if let item = names.firstIndex(of: "item_id") {
                self.item = item; itemName = "item_id"
            } else if let item = names.firstIndex(of: "item_name") {
                self.item = item; itemName = "item_name"
            } else {
                throw BasketLinesError(source: source, line: 1, column: "item_id", reason: "the header has neither item_id nor item_name")
            }
            self.basket = basket
            customer = names.firstIndex(of: "customer_id")
            timestamp = names.firstIndex(of: "timestamp")
            quantity = names.firstIndex(of: "quantity")
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
