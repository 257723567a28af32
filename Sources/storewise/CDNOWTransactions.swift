import CustomerValue
import Foundation

/// Reads CDNOW_master.txt (the CDNOW cohort shipped with lifetimes 0.11.3): whitespace-separated
/// columns `customer_id yyyymmdd number_of_cds dollar_value`, one purchase a line, after a header.
///
/// A hand-written byte scanner rather than `String.split`, because the benchmark times this read
/// against pandas' C parser and Foundation's splitting would measure string allocation, not the task.
///
/// ```swift
/// let rows = try CDNOWTransactions.load(path: "lifetimes_cdnow/CDNOW_master.txt")
/// ```
enum CDNOWTransactions {
    /// Every purchase in the file, days as day numbers (days since 1970-01-01).
    static func load(path: String) throws -> [CustomerTransaction] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path)")
        }
        return try data.withUnsafeBytes { raw in try parse(raw.bindMemory(to: UInt8.self), source: path) }
    }

    /// Parses the file's bytes; errors name the file, the line and the field.
    static func parse(_ bytes: [UInt8], source: String = "CDNOW_master.txt") throws -> [CustomerTransaction] {
        try bytes.withUnsafeBufferPointer { buffer in try parse(buffer, source: source) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws -> [CustomerTransaction] {
        var rows: [CustomerTransaction] = []
        rows.reserveCapacity(bytes.count / 28)
        var line = 0
        var i = 0
        let n = bytes.count
        // Up to five field bounds of the current line, kept in fixed storage: an array per line
        // would be one allocation per purchase.
        var starts = (0, 0, 0, 0, 0), ends = (0, 0, 0, 0, 0)
        var previousID = 0..<0, currentID = ""
        while i < n {
            line += 1
            // The common well-formed line in one pass that also finds its end; anything else (the
            // header, blank lines, a bad field) takes the general path below, which names what is wrong.
            if line > 1, let fast = wellFormed(bytes.baseAddress!, from: i, limit: n) {
                let id = fast.id
                let sameID = id.count == previousID.count
                    && memcmp(bytes.baseAddress! + id.lowerBound, bytes.baseAddress! + previousID.lowerBound, id.count) == 0
                if !sameID { currentID = text(bytes, id) }
                previousID = id
                rows.append(CustomerTransaction(customerID: currentID, day: fast.day, amount: fast.amount))
                i = fast.end + 1
                continue
            }
            // memchr finds the line end with wide loads instead of a byte loop.
            var end = n
            if let hit = memchr(bytes.baseAddress! + i, Int32(UInt8(ascii: "\n")), n - i) {
                end = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - bytes.baseAddress!
            }
            defer { i = end + 1 }
            var count = 0
            var j = i
            while j < end, count < 5 {
                while j < end, isSpace(bytes[j]) { j += 1 }
                let start = j
                while j < end, !isSpace(bytes[j]) { j += 1 }
                if j > start {
                    switch count {
                    case 0: starts.0 = start; ends.0 = j
                    case 1: starts.1 = start; ends.1 = j
                    case 2: starts.2 = start; ends.2 = j
                    case 3: starts.3 = start; ends.3 = j
                    default: starts.4 = start; ends.4 = j
                    }
                    count += 1
                }
            }
            if count == 0 { continue }
            // The header names the columns; any line whose first field is not a number is one.
            if line == 1, !isDigit(bytes[starts.0]) { continue }
            func fail(_ field: String, _ reason: String) -> CLIError {
                CLIError("\(source) line \(line): \(field) \(reason)")
            }
            guard count == 4 else {
                throw fail("row", "has \(count == 5 ? "more than 4" : "\(count)") fields, expected 4 (customer_id date number_of_cds dollar_value)")
            }
            let id = starts.0..<ends.0, date = starts.1..<ends.1, cds = starts.2..<ends.2, dollars = starts.3..<ends.3
            guard bytes[id].allSatisfy(isDigit) else {
                throw fail("customer_id", "must be digits, got '\(text(bytes, id))'")
            }
            guard date.count == 8, bytes[date].allSatisfy(isDigit) else {
                throw fail("date", "must be yyyymmdd, got '\(text(bytes, date))'")
            }
            var ymd = 0
            for k in date { ymd = ymd * 10 + Int(bytes[k] - UInt8(ascii: "0")) }
            let year = ymd / 10_000, month = ymd / 100 % 100, day = ymd % 100
            guard (1...12).contains(month), (1...daysInMonth(year, month)).contains(day) else {
                throw fail("date", "is not a calendar date: '\(text(bytes, date))'")
            }
            guard bytes[cds].allSatisfy(isDigit) else {
                throw fail("number_of_cds", "must be a whole number, got '\(text(bytes, cds))'")
            }
            guard let amount = decimal(bytes, dollars) ?? Double(text(bytes, dollars)), amount.isFinite, amount >= 0 else {
                throw fail("dollar_value", "must be a number ≥ 0, got '\(text(bytes, dollars))'")
            }
            // The file lists a customer's purchases together: reuse the previous row's ID string.
            let sameID = id.count == previousID.count && memcmp(bytes.baseAddress! + id.lowerBound, bytes.baseAddress! + previousID.lowerBound, id.count) == 0
            if !sameID { currentID = text(bytes, id) }
            previousID = id
            rows.append(CustomerTransaction(customerID: currentID, day: dayNumber(year, month, day), amount: amount))
        }
        return rows
    }

    /// `digits yyyymmdd digits digits[.digits]` separated by spaces or tabs, with an optional CR,
    /// up to a newline or `limit`: the ID's range, the day number, the amount and the index of the
    /// line's end; nil for any other line.
    private static func wellFormed(_ p: UnsafePointer<UInt8>, from start: Int, limit: Int) -> (id: Range<Int>, day: Int, amount: Double, end: Int)? {
        // Fields never contain a newline, so scanning to `limit` stops at the line's end anyway.
        let end = limit
        var j = start
        @inline(__always) func skipSpaces() { while j < end, p[j] == 0x20 || p[j] == 0x09 { j += 1 } }
        @inline(__always) func digits() -> (value: Int, count: Int) {
            var value = 0, count = 0
            while j < end, p[j] &- 0x30 < 10 { value = value &* 10 &+ Int(p[j] &- 0x30); count += 1; j += 1 }
            return (value, count)
        }
        skipSpaces()
        let idStart = j
        guard digits().count > 0 else { return nil }
        let idEnd = j
        guard j < end, p[j] == 0x20 || p[j] == 0x09 else { return nil }
        skipSpaces()
        let date = digits()
        guard date.count == 8, j < end, p[j] == 0x20 || p[j] == 0x09 else { return nil }
        let year = date.value / 10_000, month = date.value / 100 % 100, day = date.value % 100
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        skipSpaces()
        guard digits().count > 0, j < end, p[j] == 0x20 || p[j] == 0x09 else { return nil }
        skipSpaces()
        let whole = digits()
        var mantissa = whole.value, count = whole.count, places = 0
        if j < end, p[j] == UInt8(ascii: ".") {
            j += 1
            let fraction = digits()
            mantissa = mantissa &* powersOfTen64[min(fraction.count, 15)] &+ fraction.value
            count += fraction.count
            places = fraction.count
        }
        guard count > 0, count <= 15 else { return nil }
        while j < end, p[j] == 0x20 || p[j] == 0x09 || p[j] == 0x0D { j += 1 }
        guard j == end || p[j] == UInt8(ascii: "\n") else { return nil }
        return (idStart..<idEnd, dayNumber(year, month, day), Double(mantissa) / powersOfTen[places], j)
    }

    private static let powersOfTen64: [Int] = (0...15).map { k in (0..<k).reduce(1) { acc, _ in acc * 10 } }

    /// A plain decimal `digits[.digits]` without going through a String; nil for anything else
    /// (the caller then falls back to `Double(String)`). Exact: the digits form an integer below
    /// 2⁵³ and 10^k (k ≤ 15) is exact, so the one division rounds correctly, as strtod does.
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var mantissa = 0, fraction = -1, digits = 0
        for k in range {
            let b = bytes[k]
            if isDigit(b) {
                mantissa = mantissa * 10 + Int(b - UInt8(ascii: "0"))
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if b == UInt8(ascii: "."), fraction < 0 {
                fraction = 0
            } else {
                return nil
            }
        }
        guard digits > 0, digits <= 15 else { return nil }
        return Double(mantissa) / powersOfTen[max(fraction, 0)]
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
