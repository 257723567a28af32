/// Many daily demand series that share a calendar: the input of the global model.
///
/// Generic, not tied to M5: each series has its unit sales over the history, a price per day
/// over the history and the horizon (`.nan` when unknown), categorical group codes (item,
/// department, store … as small integers) and a region whose day flags (SNAP-like) apply to it.
/// The calendar runs over the history and the horizon, because calendar and prices of the days to
/// forecast are known in advance.
public struct GlobalPanel: Sendable {
    /// One calendar day's features, known in advance.
    public struct Day: Sendable, Equatable {
        /// 1…7; any fixed weekly numbering.
        public var dayOfWeek: Int
        /// 1…12.
        public var month: Int
        /// 1…31.
        public var dayOfMonth: Int
        /// Code of the day's event (0 = none), e.g. an index into a list of holiday names.
        public var event: Int
        /// Code of the event's kind (0 = none), e.g. sporting, cultural, national, religious.
        public var eventType: Int
        /// Per region code: whether the region's flag (M5: SNAP purchases allowed) is set.
        public var regionFlags: [Bool]

        public init(dayOfWeek: Int, month: Int, dayOfMonth: Int, event: Int = 0, eventType: Int = 0, regionFlags: [Bool] = []) {
            self.dayOfWeek = dayOfWeek
            self.month = month
            self.dayOfMonth = dayOfMonth
            self.event = event
            self.eventType = eventType
            self.regionFlags = regionFlags
        }
    }

    /// One series: its sales history, prices and group codes.
    public struct Series: Sendable, Equatable {
        public var id: String
        /// Unit sales per day of the history, oldest first; non-negative.
        public var sales: [Double]
        /// Price per day of history and horizon; `.nan` where not on sale or unknown.
        public var prices: [Double]
        /// One code per entry of `GlobalPanel.groupNames` (e.g. item, department, store).
        public var groups: [Int]
        /// Index into `Day.regionFlags`; `nil` when no region applies.
        public var region: Int?

        public init(id: String, sales: [Double], prices: [Double], groups: [Int], region: Int? = nil) {
            self.id = id
            self.sales = sales
            self.prices = prices
            self.groups = groups
            self.region = region
        }
    }

    /// Calendar over history and horizon: `historyLength + horizon` days.
    public var days: [Day]
    public var series: [Series]
    /// What each group code means, e.g. `["item", "department", "category", "store", "state"]`.
    public var groupNames: [String]
    /// Days of history every series has.
    public var historyLength: Int

    /// Days after the history the calendar and prices cover.
    public var horizon: Int { days.count - historyLength }

    public init(days: [Day], series: [Series], groupNames: [String], historyLength: Int) {
        self.days = days
        self.series = series
        self.groupNames = groupNames
        self.historyLength = historyLength
    }

    /// Checks shapes and values; each error names the series and field.
    public func validate() throws {
        guard !series.isEmpty else { throw ForecastError.emptySeries }
        guard historyLength >= 1 else { throw ForecastError.invalidParameter(name: "historyLength", reason: "must be at least 1, got \(historyLength)") }
        guard days.count >= historyLength else {
            throw ForecastError.invalidParameter(name: "days", reason: "has \(days.count) days, fewer than the history's \(historyLength)")
        }
        for (d, day) in days.enumerated() {
            guard (1...7).contains(day.dayOfWeek), (1...12).contains(day.month), (1...31).contains(day.dayOfMonth), day.event >= 0, day.eventType >= 0 else {
                throw ForecastError.invalidParameter(name: "days[\(d)]", reason: "day of week, month or day of month out of range, or a negative event code")
            }
        }
        for s in series {
            guard s.sales.count == historyLength else {
                throw ForecastError.invalidParameter(name: "\(s.id).sales", reason: "has \(s.sales.count) days, expected \(historyLength)")
            }
            if let bad = s.sales.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw ForecastError.invalidParameter(name: "\(s.id).sales[\(bad)]", reason: "must be a finite non-negative number")
            }
            guard s.prices.count == days.count else {
                throw ForecastError.invalidParameter(name: "\(s.id).prices", reason: "has \(s.prices.count) days, expected \(days.count)")
            }
            if let bad = s.prices.firstIndex(where: { $0.isInfinite || $0 < 0 }) {
                throw ForecastError.invalidParameter(name: "\(s.id).prices[\(bad)]", reason: "must be non-negative or nan")
            }
            guard s.groups.count == groupNames.count, s.groups.allSatisfy({ $0 >= 0 }) else {
                throw ForecastError.invalidParameter(name: "\(s.id).groups", reason: "needs \(groupNames.count) non-negative codes, got \(s.groups)")
            }
            if let region = s.region, !days.allSatisfy({ region >= 0 && region < $0.regionFlags.count }) {
                throw ForecastError.invalidParameter(name: "\(s.id).region", reason: "\(region) has no flag on every day")
            }
        }
    }
}
