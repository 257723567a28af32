/// One row of M5's `calendar.csv`: the day's date, Walmart week, events and SNAP flags.
public struct M5CalendarDay: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var date: String
    /// Walmart week id (`wm_yr_wk`), the key of weekly sell prices.
    public var week: Int
    /// 1 = Saturday … 7 = Friday, as in M5.
    public var weekday: Int
    public var month: Int
    public var year: Int
    /// The day column name, e.g. `d_1`.
    public var day: String
    /// Names of the day's events (zero, one or two).
    public var events: [String]
    /// Event types (Sporting, Cultural, National, Religious) matching `events`.
    public var eventTypes: [String]
    /// SNAP purchase allowed, per state id (`CA`, `TX`, `WI`).
    public var snap: [String: Bool]

    public init(date: String, week: Int, weekday: Int, month: Int, year: Int, day: String, events: [String], eventTypes: [String], snap: [String: Bool]) {
        self.date = date
        self.week = week
        self.weekday = weekday
        self.month = month
        self.year = year
        self.day = day
        self.events = events
        self.eventTypes = eventTypes
        self.snap = snap
    }
}
