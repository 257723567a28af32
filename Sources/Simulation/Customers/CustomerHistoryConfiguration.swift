/// What ``CustomerHistorySimulator`` draws: how many customers, over how many days, and the
/// population parameters of the buy-till-you-die process and of spend per order.
///
/// Rates are per day. The defaults are the store simulator's own mix (λ ~ Gamma(0.55, ·),
/// p ~ Beta(1.2, 4), see `CustomerPopulation`) with α = 30 days, so an average active customer
/// buys about every 55 days, and a Gamma-Gamma spend of about 80 per order.
///
/// ```swift
/// var configuration = CustomerHistoryConfiguration(customers: 50_000, seed: 7)
/// configuration.process = .paretoNBD
/// ```
public struct CustomerHistoryConfiguration: Sendable, Hashable {
    /// How a customer stops buying.
    public enum Process: String, Sendable, Hashable, CaseIterable {
        /// BG/NBD (Fader, Hardie & Lee 2005, §2): after each repeat purchase the customer drops out
        /// for good with probability p ~ Beta(a, b).
        case bgnbd
        /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987): an exponential lifetime with rate
        /// μ ~ Gamma(s, β) from the first purchase.
        case paretoNBD
    }

    /// Number of customers; each makes a first purchase on their acquisition day.
    public var customers: Int
    /// Length of the period in days (≥ 2); acquisition days are uniform over all of it but the last, and the
    /// calibration end for summaries is day `days − 1` (``CustomerHistory/lastDay``).
    public var days: Int
    public var process: Process = .bgnbd
    /// Purchase rate λ ~ Gamma(shape r, rate α) per day.
    public var r: Double = 0.55
    public var alpha: Double = 30
    /// BG/NBD drop-out probability p ~ Beta(a, b).
    public var a: Double = 1.2
    public var b: Double = 4
    /// Pareto/NBD death rate μ ~ Gamma(shape s, rate β) per day.
    public var s: Double = 0.6
    public var beta: Double = 180
    /// Gamma-Gamma spend (Fader & Hardie note 025): each order's value z ~ Gamma(shape p, rate ν)
    /// with the customer's ν ~ Gamma(shape q, rate v); mean order value p·v/(q−1).
    public var spendP: Double = 6
    public var spendQ: Double = 4
    public var spendV: Double = 40
    public var seed: UInt64

    public init(customers: Int, days: Int = 730, seed: UInt64 = 1) {
        self.customers = customers
        self.days = days
        self.seed = seed
    }

    /// Throws ``CustomerHistoryError`` naming the first field out of range.
    public func validate() throws {
        guard customers >= 0 else { throw CustomerHistoryError(field: "customers", reason: "must be ≥ 0, got \(customers)") }
        guard customers <= Int(Int32.max) else { throw CustomerHistoryError(field: "customers", reason: "must fit in 32 bits, got \(customers)") }
        guard days >= 2 else { throw CustomerHistoryError(field: "days", reason: "must be ≥ 2, got \(days)") }
        for (name, value) in [("r", r), ("alpha", alpha), ("a", a), ("b", b), ("s", s), ("beta", beta),
                              ("spendP", spendP), ("spendQ", spendQ), ("spendV", spendV)]
        where !(value.isFinite && value > 0) {
            throw CustomerHistoryError(field: name, reason: "must be a finite number > 0, got \(value)")
        }
    }
}

/// A ``CustomerHistoryConfiguration`` field out of range.
public struct CustomerHistoryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public var description: String { "customer history: \(field) \(reason)" }

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}
