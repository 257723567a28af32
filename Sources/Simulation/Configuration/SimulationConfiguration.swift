import Foundation

/// Everything that shapes a simulated store. Two equal configurations give identical event streams.
///
/// ```swift
/// var configuration = SimulationConfiguration.demo
/// configuration.seed = 7
/// let simulator = StoreSimulator(configuration: configuration)
/// ```
public struct SimulationConfiguration: Sendable, Hashable {
    /// The only source of randomness: same seed, same store, byte for byte.
    public var seed: UInt64
    /// The first simulated day is the shop-local calendar day containing this instant.
    public var startDate: Date
    /// Number of simulated days.
    public var days: Int
    /// IANA time zone of the shop ("America/New_York"): days, opening hours and seasons are local.
    public var timeZone: String
    /// ISO 4217 code of the shop currency; every `Money` is in it.
    public var currency: String
    public var shopName: String
    /// The `*.myshopify.com` domain.
    public var shopDomain: String

    /// Products besides the gift card; each has 1–4 variants.
    public var productCount: Int
    /// Retail stores selling through Shopify POS; the online store (and its warehouse) comes on top.
    public var posLocationCount: Int
    /// Customers that sign up over the simulated period.
    public var customerCount: Int
    /// Target mean of orders per day over the whole period, before stockouts lose some.
    public var averageOrdersPerDay: Double
    /// Share of orders placed without a customer record (online guest checkout, POS walk-ins).
    public var guestCheckoutShare: Double
    /// Yearly growth of new-customer and guest traffic (0.3 = 30 % more a year later).
    public var annualGrowth: Double
    /// Strength of the November–December peak (0 = none, 1 = roughly +50 % in December).
    public var holidayPeak: Double
    /// Relative online demand by weekday, Sunday first (normalised to mean 1).
    public var onlineWeekdayWeights: [Double]
    /// Relative POS demand by weekday, Sunday first (normalised to mean 1).
    public var posWeekdayWeights: [Double]
    /// Yearly sales with discount codes.
    public var promotions: [Promotion]

    /// Share of orders refunded in part or in full, a few days after purchase.
    public var refundRate: Double
    /// Share of online orders cancelled before fulfilment.
    public var cancellationRate: Double
    /// Share of online customers abroad who see prices in their own currency.
    public var internationalShare: Double
    /// When true, a variant with no stock at a location cannot sell there until restocked, so
    /// observed sales are censored demand; when false, stock may go negative (Shopify's
    /// "continue selling when out of stock") and sales equal demand.
    public var stockoutsCensorDemand: Bool
    /// Emit inventory_levels/update events (initial levels, restocks, one per variant × location
    /// per day with sales). Load tests that only need orders can switch it off.
    public var emitsInventoryEvents: Bool
    /// Changes in demand from given days (none by default): see `DemandShift`.
    public var demandShifts: [DemandShift] = []
    /// Product launches and repricings on given days (none by default): see `CatalogEvent`.
    public var catalogEvents: [CatalogEvent] = []
    /// Checkout details and fraud patterns with their labels (`.off` by default: see `FraudConfiguration`).
    public var fraud: FraudConfiguration = .off

    public init(
        seed: UInt64 = 42,
        startDate: Date = Date(timeIntervalSince1970: 1_688_184_000),  // 2023-07-01 00:00 New York
        days: Int = 730,
        timeZone: String = "America/New_York",
        currency: String = "USD",
        shopName: String = "Hearthside Coffee & Tea",
        shopDomain: String = "hearthside-coffee.myshopify.com",
        productCount: Int = 120,
        posLocationCount: Int = 3,
        customerCount: Int = 5_000,
        averageOrdersPerDay: Double = 60,
        guestCheckoutShare: Double = 0.2,
        annualGrowth: Double = 0.2,
        holidayPeak: Double = 1,
        onlineWeekdayWeights: [Double] = [0.95, 1.12, 1.08, 1.02, 1.0, 0.95, 0.88],
        posWeekdayWeights: [Double] = [1.25, 0.75, 0.78, 0.85, 0.95, 1.17, 1.45],
        promotions: [Promotion] = Promotion.standardCalendar,
        refundRate: Double = 0.04,
        cancellationRate: Double = 0.015,
        internationalShare: Double = 0.06,
        stockoutsCensorDemand: Bool = true,
        emitsInventoryEvents: Bool = true,
        demandShifts: [DemandShift] = [],
        catalogEvents: [CatalogEvent] = [],
        fraud: FraudConfiguration = .off
    ) {
        self.seed = seed; self.startDate = startDate; self.days = days; self.timeZone = timeZone
        self.currency = currency; self.shopName = shopName; self.shopDomain = shopDomain
        self.productCount = productCount; self.posLocationCount = posLocationCount
        self.customerCount = customerCount; self.averageOrdersPerDay = averageOrdersPerDay
        self.guestCheckoutShare = guestCheckoutShare; self.annualGrowth = annualGrowth
        self.holidayPeak = holidayPeak; self.onlineWeekdayWeights = onlineWeekdayWeights
        self.posWeekdayWeights = posWeekdayWeights; self.promotions = promotions
        self.refundRate = refundRate; self.cancellationRate = cancellationRate
        self.internationalShare = internationalShare; self.stockoutsCensorDemand = stockoutsCensorDemand
        self.emitsInventoryEvents = emitsInventoryEvents
        self.demandShifts = demandShifts; self.catalogEvents = catalogEvents; self.fraud = fraud
    }

    /// Expected number of orders before stockouts: `days × averageOrdersPerDay`.
    public var expectedOrders: Int { Int((Double(days) * averageOrdersPerDay).rounded()) }
}
