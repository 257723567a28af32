/// The knobs of the Fraud Detection Handbook's transaction simulator (spec §2).
///
/// `canonical` is the published dataset's run; the handbook's function defaults (10,000 customers,
/// 1,000,000 terminals, 90 days) were not used for it and are not offered here.
public struct HandbookParameters: Sendable, Hashable {
    public var customers: Int
    public var terminals: Int
    public var days: Int
    /// The radius on the 100 × 100 square within which a terminal is available to a customer (strict `<`).
    public var radius: Double
    /// Seed of the one stream drawing every customer profile.
    public var customerSeed: UInt32
    /// Seed of the one stream drawing every terminal location.
    public var terminalSeed: UInt32
    /// Scenario 1: amounts strictly above this are fraud.
    public var largeAmountThreshold: Double
    /// Scenario 2: terminals compromised a day, and for how many days.
    public var compromisedTerminalsPerDay: Int
    public var terminalCompromiseDays: Int
    /// Scenario 3: cards compromised a day, for how many days, and the amount multiplier of the
    /// third of their transactions that are fraudulent.
    public var compromisedCustomersPerDay: Int
    public var customerCompromiseDays: Int
    public var compromisedAmountFactor: Double

    public init(
        customers: Int = 5_000, terminals: Int = 10_000, days: Int = 183, radius: Double = 5,
        customerSeed: UInt32 = 0, terminalSeed: UInt32 = 1, largeAmountThreshold: Double = 220,
        compromisedTerminalsPerDay: Int = 2, terminalCompromiseDays: Int = 28,
        compromisedCustomersPerDay: Int = 3, customerCompromiseDays: Int = 14, compromisedAmountFactor: Double = 5
    ) {
        self.customers = customers
        self.terminals = terminals
        self.days = days
        self.radius = radius
        self.customerSeed = customerSeed
        self.terminalSeed = terminalSeed
        self.largeAmountThreshold = largeAmountThreshold
        self.compromisedTerminalsPerDay = compromisedTerminalsPerDay
        self.terminalCompromiseDays = terminalCompromiseDays
        self.compromisedCustomersPerDay = compromisedCustomersPerDay
        self.customerCompromiseDays = customerCompromiseDays
        self.compromisedAmountFactor = compromisedAmountFactor
    }

    /// The published dataset: 5,000 customers, 10,000 terminals, 183 days from 2018-04-01, r = 5.
    public static let canonical = HandbookParameters()
}
