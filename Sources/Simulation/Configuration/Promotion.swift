/// A sale that recurs every year: a discount code, a percentage off, and the extra demand it draws.
///
/// ```swift
/// Promotion(name: "Summer Sale", code: "SUMMER20", start: .monthDay(month: 7, day: 10),
///           durationDays: 7, percentOff: 20, demandLift: 1.5)
/// ```
public struct Promotion: Sendable, Hashable {
    /// When a promotion starts in each year.
    public enum Start: Sendable, Hashable {
        /// The same calendar day every year.
        case monthDay(month: Int, day: Int)
        /// The day after the fourth Thursday of November (US Black Friday).
        case blackFriday
    }

    public var name: String
    /// The discount code buyers enter; the year is appended ("BFCM25" → "BFCM25-2024") so each
    /// year's campaign is its own code, as merchants usually do.
    public var code: String
    public var start: Start
    public var durationDays: Int
    /// Whole percent taken off eligible lines (gift cards are never discounted).
    public var percentOff: Int
    /// Multiplier on online demand while the sale runs; POS gets half the lift, since sales are
    /// announced by e-mail and mostly reach online buyers.
    public var demandLift: Double
    /// Share of orders during the sale that use the code (online; POS uses it half as often).
    public var redemptionRate: Double
    /// Product types the code applies to; empty means every type except gift cards.
    public var productTypes: [String]

    public init(
        name: String, code: String, start: Start, durationDays: Int, percentOff: Int,
        demandLift: Double, redemptionRate: Double = 0.75, productTypes: [String] = []
    ) {
        self.name = name; self.code = code; self.start = start; self.durationDays = durationDays
        self.percentOff = percentOff; self.demandLift = demandLift; self.redemptionRate = redemptionRate
        self.productTypes = productTypes
    }

    /// A typical small-merchant year: a spring and a summer sale, Black Friday to Cyber Monday,
    /// and an after-Christmas clearance.
    public static let standardCalendar: [Promotion] = [
        Promotion(name: "Spring Sale", code: "SPRING15", start: .monthDay(month: 3, day: 14),
                  durationDays: 5, percentOff: 15, demandLift: 1.4),
        Promotion(name: "Summer Sale", code: "SUMMER20", start: .monthDay(month: 7, day: 10),
                  durationDays: 7, percentOff: 20, demandLift: 1.5),
        Promotion(name: "Black Friday – Cyber Monday", code: "BFCM25", start: .blackFriday,
                  durationDays: 4, percentOff: 25, demandLift: 2.2, redemptionRate: 0.85),
        Promotion(name: "Boxing Week", code: "CLEARANCE30", start: .monthDay(month: 12, day: 26),
                  durationDays: 5, percentOff: 30, demandLift: 1.3,
                  productTypes: ["Mugs", "Brewing", "Chocolate"]),
    ]
}
