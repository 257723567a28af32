import Commerce
import Foundation

/// Turns instants into the shop's calendar days ("YYYY-MM-DD" in its IANA time zone).
///
/// Faster than `Calendar.dateComponents` on the ingest path: one UTC-offset lookup, then integer
/// arithmetic (`CivilDate`).
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
        return CivilDate(dayNumber: Int(days)).description
    }
}
