import Dispatch

/// Scores a customer base with a fitted ``CustomerValueModel``: P(alive) and churn risk, expected
/// purchases over a horizon, CLV as a discounted cash flow (``LifetimeValue``, lifetimes'
/// 30-day months), and RFM quintiles with the named segment.
///
/// Customers are independent, so they are scored in chunks on `threads` threads; RFM quintiles
/// are ranks over the whole base and come after.
///
/// ```swift
/// let scores = try CustomerScorer(horizonDays: 90, clvMonths: 12).score(summaries, spend: totals, model: model)
/// ```
public struct CustomerScorer: Sendable, Hashable {
    /// Days ahead for expected purchases (90: the usual win-back window).
    public var horizonDays: Double
    /// CLV horizon in months (12) and discount rate per month (1 %).
    public var clvMonths: Int
    public var monthlyDiscountRate: Double
    public var threads: Int

    public init(horizonDays: Double = 90, clvMonths: Int = 12, monthlyDiscountRate: Double = 0.01, threads: Int = 1) {
        self.horizonDays = horizonDays; self.clvMonths = clvMonths; self.monthlyDiscountRate = monthlyDiscountRate
        self.threads = threads
    }

    /// Scores each summary; `spend[i]` is customer i's total spend over the summary period (the
    /// M of RFM, net of refunds).
    public func score(_ summaries: [CustomerSummary], spend: [Double], model: CustomerValueModel) throws -> [CustomerScore] {
        guard horizonDays.isFinite, horizonDays > 0 else {
            throw CustomerValueError.invalidParameter(name: "horizonDays", reason: "must be positive, got \(horizonDays)")
        }
        guard threads >= 1 else { throw CustomerValueError.invalidParameter(name: "threads", reason: "must be at least 1, got \(threads)") }
        guard spend.count == summaries.count else {
            throw CustomerValueError.invalidParameter(name: "spend", reason: "has \(spend.count) values for \(summaries.count) customers")
        }
        let clv = try LifetimeValue(months: clvMonths, monthlyDiscountRate: monthlyDiscountRate, timeUnit: Self.timeUnit(model.unitDays))
        for (i, s) in summaries.enumerated() { try s.summary.validate(index: i) }

        let n = summaries.count
        let horizon = horizonDays / model.unitDays
        var alive = [Double](repeating: 0, count: n)
        var expected = [Double](repeating: 0, count: n)
        var orderValue = [Double](repeating: 0, count: n)
        var value = [Double](repeating: 0, count: n)
        let chunk = max(1, (n + threads * 8 - 1) / (threads * 8))
        let chunks = (n + chunk - 1) / chunk
        let failure = FirstError()
        alive.withUnsafeMutableBufferPointer { aliveOut in
            expected.withUnsafeMutableBufferPointer { expectedOut in
                orderValue.withUnsafeMutableBufferPointer { valueOut in
                    value.withUnsafeMutableBufferPointer { clvOut in
                        let outputs = Outputs(alive: aliveOut, expected: expectedOut, orderValue: valueOut, clv: clvOut)
                        DispatchQueue.concurrentPerform(iterations: chunks) { c in
                            for i in (c * chunk)..<min(n, (c + 1) * chunk) {
                                let customer = summaries[i].summary
                                do {
                                    let m = model.expectedOrderValue(customer)
                                    outputs.alive[i] = model.purchases.probabilityAlive(customer)
                                    outputs.expected[i] = try model.purchases.conditionalExpectedPurchases(in: horizon, for: customer)
                                    outputs.orderValue[i] = m
                                    outputs.clv[i] = try m * clv.discountedPurchases(of: customer, purchases: model.purchases)
                                } catch {
                                    failure.record(error)
                                }
                            }
                        }
                    }
                }
            }
        }
        if let error = failure.error { throw error }

        let rfm = try RFMScorer.score(summaries.indices.map { i in
            let s = summaries[i]
            return RFMScorer.Input(
                daysSinceLastPurchase: (s.summary.age - s.summary.recency) * model.unitDays,
                purchases: Int(s.summary.frequency) + 1, spend: spend[i])
        })
        return summaries.indices.map { i in
            CustomerScore(customerID: summaries[i].customerID, probabilityAlive: alive[i], expectedPurchases: expected[i],
                          expectedOrderValue: orderValue[i], lifetimeValue: value[i], rfm: rfm[i])
        }
    }

    /// The ``LifetimeValue`` time unit of summaries built with `unitDays` days per unit.
    static func timeUnit(_ unitDays: Double) throws -> LifetimeValue.TimeUnit {
        switch unitDays {
        case 1: .day
        case 7: .week
        case 30: .month
        default: throw CustomerValueError.invalidParameter(name: "unitDays", reason: "CLV needs days (1), weeks (7) or months (30), got \(unitDays)")
        }
    }
}

/// Output buffers shared by the scoring threads; each index is written by exactly one thread.
private struct Outputs: @unchecked Sendable {
    let alive: UnsafeMutableBufferPointer<Double>
    let expected: UnsafeMutableBufferPointer<Double>
    let orderValue: UnsafeMutableBufferPointer<Double>
    let clv: UnsafeMutableBufferPointer<Double>
}
