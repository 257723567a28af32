/// Builds frequency / recency / age / monetary summaries from transactions, as the BTYD models
/// read them (Fader, Hardie & Lee 2005): a customer's purchases are grouped by day; the first day
/// is the birth, x = purchase days after it, t_x = days from the first to the last purchase day,
/// T = days from the first purchase day to the end of calibration, all divided by `unitDays`
/// (7 for weeks, as the CDNOW summaries); monetary = mean total of the repeat purchase days.
///
/// With a holdout end, purchase days after the calibration end up to it are counted per customer
/// (only customers born by the calibration end are summarised, as in lifetimes'
/// `calibration_and_holdout_data`).
///
/// ```swift
/// let rows = try SummaryBuilder(calibrationEnd: end, holdoutEnd: later, unitDays: 7).summaries(transactions)
/// ```
public struct SummaryBuilder: Sendable, Hashable {
    /// Last day (inclusive) of the calibration period.
    public var calibrationEnd: Int
    /// Last day (inclusive) of the holdout period, nil for none.
    public var holdoutEnd: Int?
    /// Days per time unit (1 = days, 7 = weeks, 30 = lifetimes' months).
    public var unitDays: Double

    public init(calibrationEnd: Int, holdoutEnd: Int? = nil, unitDays: Double = 7) {
        self.calibrationEnd = calibrationEnd; self.holdoutEnd = holdoutEnd; self.unitDays = unitDays
    }

    public func summaries(_ transactions: [CustomerTransaction]) throws -> [CustomerSummary] {
        guard unitDays.isFinite, unitDays > 0 else {
            throw CustomerValueError.invalidParameter(name: "unitDays", reason: "must be positive, got \(unitDays)")
        }
        if let holdoutEnd, holdoutEnd <= calibrationEnd {
            throw CustomerValueError.invalidParameter(name: "holdoutEnd", reason: "must be after calibrationEnd (\(calibrationEnd)), got \(holdoutEnd)")
        }
        for (i, t) in transactions.enumerated() where !t.amount.isFinite {
            throw CustomerValueError.invalidParameter(name: "transactions[\(i)].amount", reason: "must be finite, got \(t.amount)")
        }
        // Sort by customer then day once; then one pass groups days and customers.
        let order = transactions.indices.sorted {
            (transactions[$0].customerID, transactions[$0].day) < (transactions[$1].customerID, transactions[$1].day)
        }
        var result: [CustomerSummary] = []
        var i = 0
        while i < order.count {
            let id = transactions[order[i]].customerID
            var days: [(day: Int, total: Double)] = []
            var holdoutDays = 0, holdoutSpend = 0.0
            while i < order.count, transactions[order[i]].customerID == id {
                let t = transactions[order[i]]
                if t.day <= calibrationEnd {
                    if let last = days.last, last.day == t.day { days[days.count - 1].total += t.amount } else { days.append((t.day, t.amount)) }
                } else if let holdoutEnd, t.day <= holdoutEnd {
                    // Count holdout purchase days once each.
                    if i == 0 || transactions[order[i - 1]].customerID != id || transactions[order[i - 1]].day != t.day { holdoutDays += 1 }
                    holdoutSpend += t.amount
                }
                i += 1
            }
            guard let first = days.first else { continue }  // born after calibration: not summarised
            let repeats = days.dropFirst()
            let summary = RFMSummary(
                frequency: Double(repeats.count), recency: Double((days.last?.day ?? first.day) - first.day) / unitDays,
                age: Double(calibrationEnd - first.day) / unitDays,
                monetary: repeats.isEmpty ? nil : repeats.reduce(0) { $0 + $1.total } / Double(repeats.count))
            result.append(CustomerSummary(
                customerID: id, summary: summary, firstDay: first.day, holdoutFrequency: holdoutDays,
                holdoutDuration: holdoutEnd.map { Double($0 - calibrationEnd) / unitDays } ?? 0, holdoutSpend: holdoutSpend))
        }
        return result
    }
}
