import Foundation

/// Turns instants into the shop's calendar days ("YYYY-MM-DD" in its IANA time zone).
///
/// Faster than `Calendar.dateComponents` on the ingest path: one UTC-offset lookup, then integer
/// arithmetic (Howard Hinnant's `civil_from_days`, http://howardhinnant.github.io/date_algorithms.html).
struct ShopCalendar: Sendable {
    let timeZone: TimeZone

    /// An unknown identifier falls back to UTC, so a bad setting shifts days but never loses events.
    init(timeZoneIdentifier: String) {
        timeZone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 0)!
    }

    /// The shop-local calendar day of `date`, "YYYY-MM-DD".
    func day(of date: Date) -> String {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let (y, m, d) = Self.civil(fromDays: days)
        return Self.format(year: y, month: m, day: d)
    }

    /// Year, month, day of the proleptic Gregorian calendar for days since 1970-01-01.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func format(year: Int64, month: Int64, day: Int64) -> String {
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var y = String(year)
        while y.count < 4 { y = "0" + y }
        return "\(y)-\(two(month))-\(two(day))"
    }
}
