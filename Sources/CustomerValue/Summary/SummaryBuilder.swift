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
        // Group by customer, then order each customer's purchases by day. Sorting all rows by
        // (String, Int) tuples spent most of the time comparing strings; instead each ID gets a
        // dense number (one hash each), only the distinct IDs are sorted (the output stays in ID
        // order, which callers rely on), a counting sort groups the rows, and each customer's
        // few rows are put in day order.
        // Exports usually list a customer's orders together, so a row with the previous row's ID
        // reuses its number without hashing; and IDs met in ascending order need no sort.
        // While IDs arrive in ascending order, an ID above the last one cannot have been seen, so
        // no hash table is needed; it is built the first time the order breaks.
        let n = transactions.count
        var number: [String: Int] = [:]
        var ids: [String] = []
        var customerOf = [Int](repeating: 0, count: n)
        var ascending = true
        for i in 0..<n {
            let id = transactions[i].customerID
            if i > 0, id == transactions[i - 1].customerID {
                customerOf[i] = customerOf[i - 1]
                continue
            }
            if ascending {
                if let last = ids.last, !(last < id) {
                    ascending = false
                    number.reserveCapacity(max(ids.count * 2, n / 4))
                    for (k, seen) in ids.enumerated() { number[seen] = k }
                } else {
                    customerOf[i] = ids.count
                    ids.append(id)
                    continue
                }
            }
            if let k = number[id] {
                customerOf[i] = k
            } else {
                number[id] = ids.count
                customerOf[i] = ids.count
                ids.append(id)
            }
        }
        let byID = ascending ? Array(ids.indices) : ids.indices.sorted { ids[$0] < ids[$1] }
        var rank = [Int](repeating: 0, count: ids.count)
        for (r, k) in byID.enumerated() { rank[k] = r }
        var start = [Int](repeating: 0, count: ids.count + 1)
        for i in 0..<n { start[rank[customerOf[i]] + 1] += 1 }
        for r in 0..<ids.count { start[r + 1] += start[r] }
        var order = [Int](repeating: 0, count: n)
        var next = start
        for i in 0..<n {
            let r = rank[customerOf[i]]
            order[next[r]] = i
            next[r] += 1
        }
        for r in 0..<ids.count where start[r + 1] - start[r] > 1 {
            let range = start[r]..<start[r + 1]
            var sorted = true
            for j in range.dropFirst() where transactions[order[j - 1]].day > transactions[order[j]].day { sorted = false; break }
            // Ties keep the input order, so same-day amounts add up in a reproducible order.
            if !sorted { order[range].sort { (transactions[$0].day, $0) < (transactions[$1].day, $1) } }
        }

        var result: [CustomerSummary] = []
        result.reserveCapacity(ids.count)
        var days: [(day: Int, total: Double)] = []
        for r in 0..<ids.count {
            let id = ids[byID[r]]
            days.removeAll(keepingCapacity: true)
            var holdoutDays = 0, holdoutSpend = 0.0, lastHoldoutDay = Int.min
            for j in start[r]..<start[r + 1] {
                // Day and amount only: copying the whole row would retain its ID string.
                let day = transactions[order[j]].day, amount = transactions[order[j]].amount
                if day <= calibrationEnd {
                    if let last = days.last, last.day == day { days[days.count - 1].total += amount } else { days.append((day, amount)) }
                } else if let holdoutEnd, day <= holdoutEnd {
                    // Count holdout purchase days once each.
                    if day != lastHoldoutDay { holdoutDays += 1; lastHoldoutDay = day }
                    holdoutSpend += amount
                }
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
