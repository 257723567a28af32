import Foundation

/// Summary measures computed from the gathered counts, each written out the textbook way.
extension StreamStatistics {
    /// December revenue over the mean monthly revenue of the same calendar year.
    func decemberRatio(year: Int) -> Double {
        let months = (1...12).map { "\(year)-\($0 < 10 ? "0" : "")\($0)" }
        let revenue = months.map { Double(revenueByMonth[$0] ?? 0) }
        let mean = revenue.reduce(0, +) / 12
        return revenue[11] / mean
    }

    /// Mean orders per weekend day (Saturday, Sunday) over mean orders per weekday, for one channel.
    func weekendRatio(pos: Bool) -> Double {
        let byDay = pos ? posOrdersByDay : webOrdersByDay
        var weekend = (sum: 0.0, days: 0.0), weekday = (sum: 0.0, days: 0.0)
        for (day, weekdayNumber) in weekdayOfDay {
            let count = Double(byDay[day] ?? 0)
            if weekdayNumber == 1 || weekdayNumber == 7 { weekend.sum += count; weekend.days += 1 } else { weekday.sum += count; weekday.days += 1 }
        }
        return (weekend.sum / weekend.days) / (weekday.sum / weekday.days)
    }

    /// Lift of the most frequent product pair among baskets: P(A ∧ B) / (P(A) · P(B)).
    func topPairLift() -> (pair: PairKey, count: Int, lift: Double)? {
        guard let top = pairOrders.max(by: { ($0.value, $1.key.a) < ($1.value, $0.key.a) }) else { return nil }
        let n = Double(basketsWithMerchandise)
        let pA = Double(productOrders[top.key.a]!) / n
        let pB = Double(productOrders[top.key.b]!) / n
        return (top.key, top.value, (Double(top.value) / n) / (pA * pB))
    }

    /// Share of sold variants whose average inter-demand interval (ADI, days per day with a sale,
    /// over `days`) exceeds 1.32, the cut-off of Syntetos, Boylan & Croston (2005).
    func intermittentShare(days: Int) -> Double {
        let adis = demandDays.values.map { Double(days) / Double($0.count) }
        return Double(adis.filter { $0 > 1.32 }.count) / Double(adis.count)
    }

    /// Coefficient of variation (sd / mean) of the number of orders per customer who ordered.
    func ordersPerCustomerCV() -> Double {
        let counts = ordersPerCustomer.values.map(Double.init)
        let mean = counts.reduce(0, +) / Double(counts.count)
        let variance = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(counts.count - 1)
        return variance.squareRoot() / mean
    }
}
