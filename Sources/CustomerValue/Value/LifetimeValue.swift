import Foundation

/// Customer lifetime value as a discounted cash flow of expected purchases times expected profit per
/// purchase, month by month (Fader, Hardie & Lee 2005 for the idea; the discretization is lifetimes'
/// `customer_lifetime_value`, 0.11.3).
///
/// CLV = Σ_{k=1…months} m · [E(Y(k·u)) − E(Y((k−1)·u))] / (1 + d)^k, where u is the number of model
/// time units in a month, d the discount rate per month and m the profit per purchase (usually the
/// Gamma-Gamma E[Z | x, m̄]). lifetimes fixes a month at 30 days, 4.345 weeks or 720 hours (its
/// `freq` argument "D", "W", "H", "M"); ``TimeUnit`` keeps those factors, so a 12-month CLV on a model
/// fitted in days looks 360 days ahead, not 365.
///
/// ```swift
/// let clv = try LifetimeValue(months: 12, monthlyDiscountRate: 0.01, timeUnit: .week)
/// let value = try clv.value(of: customer, purchases: bgnbd, spend: gammaGamma)
/// ```
public struct LifetimeValue: Sendable, Equatable {
    /// The time unit of the purchase model's t, recency and age (lifetimes' `freq`).
    public enum TimeUnit: String, Sendable, CaseIterable {
        case hour, day, week, month

        /// Model time units in one month, as lifetimes counts them (30-day months, 4.345 weeks).
        public var unitsPerMonth: Double {
            switch self {
            case .hour: 30 * 24
            case .day: 30
            case .week: 4.345
            case .month: 1
            }
        }
    }

    /// Horizon in months (lifetimes' `time`, default 12).
    public var months: Int
    /// Discount rate per month (lifetimes' `discount_rate`, default 0.01).
    public var monthlyDiscountRate: Double
    /// Time unit of the purchase model.
    public var timeUnit: TimeUnit

    /// Validates months ≥ 1 and a finite discount rate > −1.
    public init(months: Int = 12, monthlyDiscountRate: Double = 0.01, timeUnit: TimeUnit = .day) throws {
        guard months >= 1 else {
            throw CustomerValueError.invalidParameter(name: "months", reason: "must be ≥ 1, got \(months)")
        }
        guard monthlyDiscountRate.isFinite, monthlyDiscountRate > -1 else {
            throw CustomerValueError.invalidParameter(
                name: "monthlyDiscountRate", reason: "must be a finite number > -1, got \(monthlyDiscountRate)")
        }
        self.months = months
        self.monthlyDiscountRate = monthlyDiscountRate
        self.timeUnit = timeUnit
    }

    /// The discounted expected purchases Σ_k [E(Y(k·u)) − E(Y((k−1)·u))] / (1 + d)^k: CLV per unit of
    /// profit per purchase.
    public func discountedPurchases(of customer: RFMSummary, purchases model: some PurchaseModel) throws -> Double {
        let u = timeUnit.unitsPerMonth
        var total = 0.0
        var previous = try model.expectedPurchases(from: customer, upTo: 0)
        var discount = 1.0
        for k in 1...months {
            let cumulative = try model.expectedPurchases(from: customer, upTo: Double(k) * u)
            discount /= 1 + monthlyDiscountRate
            total += (cumulative - previous) * discount
            previous = cumulative
        }
        return total
    }

    /// CLV of `customer` with a known profit per purchase.
    public func value(of customer: RFMSummary, profitPerPurchase: Double, purchases model: some PurchaseModel) throws -> Double {
        guard profitPerPurchase.isFinite else {
            throw CustomerValueError.invalidParameter(name: "profitPerPurchase", reason: "must be finite, got \(profitPerPurchase)")
        }
        return try profitPerPurchase * discountedPurchases(of: customer, purchases: model)
    }

    /// CLV of `customer` with the Gamma-Gamma E[Z | x, m̄] as profit per purchase (lifetimes'
    /// `GammaGammaFitter.customer_lifetime_value`); a customer without `monetary` or without repeat
    /// purchases gets the population mean spend.
    public func value(of customer: RFMSummary, purchases model: some PurchaseModel, spend: GammaGammaModel) throws -> Double {
        guard spend.q > 1 else {
            throw CustomerValueError.invalidParameter(name: "q", reason: "the Gamma-Gamma mean spend needs q > 1, got \(spend.q)")
        }
        let profit = spend.conditionalExpectedAverageProfit(
            frequency: customer.monetary == nil ? 0 : customer.frequency, monetary: customer.monetary ?? 0)
        return try value(of: customer, profitPerPurchase: profit, purchases: model)
    }

    /// CLV of each customer, in order (see ``value(of:purchases:spend:)``).
    public func values(of customers: [RFMSummary], purchases model: some PurchaseModel, spend: GammaGammaModel) throws -> [Double] {
        try customers.map { try value(of: $0, purchases: model, spend: spend) }
    }
}
