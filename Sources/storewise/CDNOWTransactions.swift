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
        return try parse([UInt8](data), source: path)
    }

    /// Parses the file's bytes; errors name the file, the line and the field.
    static func parse(_ bytes: [UInt8], source: String = "CDNOW_master.txt") throws -> [CustomerTransaction] {
        var rows: [CustomerTransaction] = []
        rows.reserveCapacity(bytes.count / 28)
        var line = 0
        var i = 0
        let n = bytes.count
        while i < n {
            line += 1
            var end = i
            while end < n, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { i = end + 1 }
            var fields: [Range<Int>] = []
            fields.reserveCapacity(4)
            var j = i
            while j < end {
                while j < end, isSpace(bytes[j]) { j += 1 }
                let start = j
                while j < end, !isSpace(bytes[j]) { j += 1 }
                if j > start { fields.append(start..<j) }
            }
            if fields.isEmpty { continue }
            // The header names the columns; any line whose first field is not a number is one.
            if line == 1, !isDigit(bytes[fields[0].lowerBound]) { continue }
            func fail(_ field: String, _ reason: String) -> CLIError {
                CLIError("\(source) line \(line): \(field) \(reason)")
            }
            guard fields.count == 4 else {
                throw fail("row", "has \(fields.count) fields, expected 4 (customer_id date number_of_cds dollar_value)")
            }
            let idRange = fields[0]
            guard bytes[idRange].allSatisfy(isDigit) else {
                throw fail("customer_id", "must be digits, got '\(text(bytes, idRange))'")
            }
            guard fields[1].count == 8, bytes[fields[1]].allSatisfy(isDigit) else {
                throw fail("date", "must be yyyymmdd, got '\(text(bytes, fields[1]))'")
            }
            var ymd = 0
            for k in fields[1] { ymd = ymd * 10 + Int(bytes[k] - UInt8(ascii: "0")) }
            let year = ymd / 10_000, month = ymd / 100 % 100, day = ymd % 100
            guard (1...12).contains(month), (1...daysInMonth(year, month)).contains(day) else {
                throw fail("date", "is not a calendar date: '\(text(bytes, fields[1]))'")
            }
            guard bytes[fields[2]].allSatisfy(isDigit) else {
                throw fail("number_of_cds", "must be a whole number, got '\(text(bytes, fields[2]))'")
            }
            guard let amount = Double(text(bytes, fields[3])), amount.isFinite, amount >= 0 else {
                throw fail("dollar_value", "must be a number ≥ 0, got '\(text(bytes, fields[3]))'")
            }
            rows.append(CustomerTransaction(customerID: text(bytes, idRange), day: dayNumber(year, month, day), amount: amount))
        }
        return rows
    }

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
    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}
