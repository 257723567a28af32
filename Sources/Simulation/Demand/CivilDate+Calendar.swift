import Commerce

/// Calendar facts the simulator's demand shape needs.
extension CivilDate {
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
