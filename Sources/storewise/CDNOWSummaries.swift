import CustomerValue

/// Weekly buy-till-you-die summaries of CDNOW purchases with lifetimes' period semantics, so the
/// benchmark fits both libraries on equal data.
///
/// lifetimes 0.11.3 `summary_data_from_transaction_data(..., freq='W')` first maps every purchase
/// to its pandas week (`W` = `W-SUN`: Monday to Sunday) and sums the spend per customer and week;
/// x = purchase weeks − 1, t_x and T are whole weeks between week starts (the end date's week
/// included). Days/7 would give fractional t_x and T and a different x for two purchases in one
/// week, so the day numbers are mapped to week numbers and `SummaryBuilder` runs with unitDays 1.
/// `calibration_and_holdout_data` cuts by date, not week: a purchase after the calibration end
/// but in its week counts as a holdout week, and the holdout lasts week(end) − week(cut) weeks.
struct CDNOWSummaries {
    /// Last day of the calibration period and of the whole period (day numbers).
    var calibrationEnd: Int
    var holdoutEnd: Int

    /// Monday-based week number of a day number (1970-01-05, day 4, was a Monday).
    static func week(_ day: Int) -> Int {
        let shifted = day - 4
        return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
    }

    /// Summaries over the whole period to `holdoutEnd` in weeks (lifetimes'
    /// `summary_data_from_transaction_data(..., observation_period_end=holdoutEnd, freq='W')`).
    func full(_ transactions: [CustomerTransaction]) throws -> [CustomerSummary] {
        let weekly = transactions.map { CustomerTransaction(customerID: $0.customerID, day: Self.week($0.day), amount: $0.amount) }
        return try SummaryBuilder(calibrationEnd: Self.week(holdoutEnd), unitDays: 1).summaries(weekly)
    }

    /// Calibration summaries to `calibrationEnd` with holdout purchase weeks to `holdoutEnd`
    /// (lifetimes' `calibration_and_holdout_data(..., freq='W')`).
    func calibrationAndHoldout(_ transactions: [CustomerTransaction]) throws -> [CustomerSummary] {
        var calibration: [CustomerTransaction] = []
        calibration.reserveCapacity(transactions.count)
        for t in transactions where t.day <= calibrationEnd {
            calibration.append(CustomerTransaction(customerID: t.customerID, day: Self.week(t.day), amount: t.amount))
        }
        var summaries = try SummaryBuilder(calibrationEnd: Self.week(calibrationEnd), unitDays: 1).summaries(calibration)
        var index: [String: Int] = [:]
        index.reserveCapacity(summaries.count)
        for (k, s) in summaries.enumerated() { index[s.customerID] = k }
        // Distinct (customer, week) pairs of the holdout; customers born later are not summarised.
        var seen = Set<Int>()
        let firstWeek = Self.week(calibrationEnd + 1)
        let weeks = Self.week(holdoutEnd) - firstWeek + 1
        var previous: (id: String, k: Int?)? = nil
        for t in transactions where t.day > calibrationEnd && t.day <= holdoutEnd {
            // Purchases come grouped by customer: look an ID up once per run of rows.
            let found: Int?
            if let previous, previous.id == t.customerID { found = previous.k } else { found = index[t.customerID] }
            previous = (t.customerID, found)
            guard let k = found else { continue }
            if seen.insert(k * weeks + Self.week(t.day) - firstWeek).inserted { summaries[k].holdoutFrequency += 1 }
            summaries[k].holdoutSpend += t.amount
        }
        let duration = Double(Self.week(holdoutEnd) - Self.week(calibrationEnd))
        for k in summaries.indices { summaries[k].holdoutDuration = duration }
        return summaries
    }
}
