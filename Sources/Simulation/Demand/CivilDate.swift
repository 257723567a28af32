/// A proleptic Gregorian calendar date, converted to and from a day count with Hinnant's
/// `days_from_civil` algorithm so that per-day work needs no `Calendar` calls.
struct CivilDate: Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    /// Days since 1970-01-01.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// 1 = Sunday … 7 = Saturday (1970-01-01 was a Thursday).
    var weekday: Int { ((dayNumber % 7 + 11) % 7) + 1 }

    /// Days from this date to the 31st of December of its year (0 on New Year's Eve).
    var daysToYearEnd: Int { CivilDate(year: year, month: 12, day: 31).dayNumber - dayNumber }

    /// The US Black Friday of `year`: the day after the fourth Thursday of November.
    static func blackFriday(_ year: Int) -> CivilDate {
        let first = CivilDate(year: year, month: 11, day: 1)
        let firstThursday = 1 + (5 - first.weekday + 7) % 7
        return CivilDate(year: year, month: 11, day: firstThursday + 21 + 1)
    }
}
