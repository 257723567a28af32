/// A model of how many purchases a customer makes next, given the history in an ``RFMSummary``:
/// what ``LifetimeValue`` needs from BG/NBD, MBG/NBD or Pareto/NBD.
///
/// `expectedPurchases(from:upTo:)` is lifetimes' `conditional_expected_number_of_purchases_up_to_time`
/// (its `predict`): E[Y(t) | x, t_x, T], the expected purchases in (T, T + t], with t in the same
/// time unit as the summary's recency and age. It must be cumulative (non-decreasing in t, 0 at
/// t = 0), because the cash flow of a month is the difference of two of its values.
///
/// ```swift
/// extension BGNBDModel: PurchaseModel {
///     public func expectedPurchases(from customer: RFMSummary, upTo t: Double) throws -> Double {
///         try conditionalExpectedPurchases(in: t, for: customer)
///     }
/// }
/// ```
public protocol PurchaseModel: Sendable {
    /// E[Y(t) | customer]: expected purchases in the `t` time units after the end of observation.
    func expectedPurchases(from customer: RFMSummary, upTo t: Double) throws -> Double
}
