/// A variant × location's daily demand as a dense series a model can fit: one value per day
/// from the first sale through an as-of day, with out-of-stock days marked and filled in.
///
/// Built from the sparse rows of the daily demand projection (`DemandRecord`):
/// - a day without a record sold nothing; its stock is the last observed stock, carried forward;
/// - a day is **censored** when it sold nothing and the item was out of stock all day: its own
///   record says not in stock while some stock observation is known (on that day or earlier),
///   or it has no record and the carried stock is at most zero. When no stock was ever observed
///   (inventory not tracked) no day is censored: a zero then is a zero.
/// - censored days get `CensoredDemand`'s estimate in `values`; `observed` keeps the zeros and
///   `censored` is the mask, so evaluation can leave those days out.
///
/// A day that sold out part-way is not censored (it sold): its demand is under-counted, which
/// the projection cannot see; this is the usual, conservative treatment.
///
/// ```swift
/// let history = try DemandHistory(records: rows, through: asOfDay)   // nil: no sale yet
/// let forecast = try model.forecast(history!.values, horizon: 28, levels: [80, 95])
/// ```
public struct DemandHistory: Sendable, Equatable {
    /// Day number (days since 1970-01-01) of `values[0]`: the first day with a sale.
    public var startDay: Int
    /// Units sold per day, zeros included, censored days as observed (zero).
    public var observed: [Double]
    /// Whether each day was censored (out of stock all day, nothing sold).
    public var censored: [Bool]
    /// `observed` with censored days imputed: what a model fits.
    public var values: [Double]
    /// The stock at the end of the as-of day (last observation carried forward), if ever observed.
    public var stockAtEnd: Double?

    public init(startDay: Int, observed: [Double], censored: [Bool], values: [Double], stockAtEnd: Double?) {
        self.startDay = startDay
        self.observed = observed
        self.censored = censored
        self.values = values
        self.stockAtEnd = stockAtEnd
    }

    /// The dense history through `asOf` (a day number, inclusive) from sparse `records` in any
    /// order (one per day; records after `asOf` are ignored), or nil when nothing sold by then.
    public init?(records: [DemandRecord], through asOf: Int, imputation: CensoredDemand = CensoredDemand()) throws {
        var sorted = records
        if !zip(records, records.dropFirst()).allSatisfy({ $0.day < $1.day }) {
            sorted.sort { $0.day < $1.day }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.day == b.day {
                throw ForecastError.invalidParameter(name: "records", reason: "two records for day \(a.day)")
            }
        }
        for record in sorted where record.day <= asOf {
            guard record.units.isFinite, record.units >= 0 else {
                throw ForecastError.invalidParameter(name: "units", reason: "must be a finite count ≥ 0, got \(record.units) on day \(record.day)")
            }
        }
        guard let first = sorted.first(where: { $0.units > 0 && $0.day <= asOf }) else { return nil }
        let count = asOf - first.day + 1
        var observed = [Double](repeating: 0, count: count)
        var censored = [Bool](repeating: false, count: count)
        // Stock carried into the next day: the last observation so far, including those before
        // the first sale (an item stocked, then sold, then sold out).
        var carried: Double?
        var next = 0
        for offset in 0..<count {
            let day = first.day + offset
            while next < sorted.count, sorted[next].day < day {
                carried = sorted[next].stockEnd ?? carried
                next += 1
            }
            if next < sorted.count, sorted[next].day == day {
                let record = sorted[next]
                observed[offset] = record.units
                let stockKnown = record.stockEnd != nil || carried != nil
                censored[offset] = record.units == 0 && !record.inStock && stockKnown
                carried = record.stockEnd ?? carried
                next += 1
            } else {
                censored[offset] = carried.map { $0 <= 0 } ?? false
            }
        }
        self.init(startDay: first.day, observed: observed, censored: censored,
                  values: try imputation.impute(observed, censored: censored), stockAtEnd: carried)
    }

    /// Number of days in the series.
    public var count: Int { values.count }
    /// Day number of the last value (the as-of day).
    public var endDay: Int { startDay + values.count - 1 }
    /// Number of censored days.
    public var censoredCount: Int { censored.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// The last `days` days (or fewer, from the start) as a history of its own.
    public func suffix(_ days: Int) -> DemandHistory {
        let k = max(0, min(days, count))
        return DemandHistory(startDay: endDay - k + 1, observed: Array(observed.suffix(k)), censored: Array(censored.suffix(k)),
                             values: Array(values.suffix(k)), stockAtEnd: stockAtEnd)
    }
}
