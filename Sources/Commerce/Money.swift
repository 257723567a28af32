/// An amount of money in integer minor units (cents, pence, yen) with its ISO 4217 currency.
///
/// Never a `Double`: `Money(minorUnits: 40495, currency: "USD")` is $404.95 exactly.
public struct Money: Hashable, Sendable, Codable, Comparable {
    /// The amount in the currency's minor unit (for USD, cents).
    public var minorUnits: Int64
    /// ISO 4217 code, upper case ("USD", "EUR", "JPY").
    public var currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in the given currency.
    public static func zero(_ currency: String) -> Money { Money(minorUnits: 0, currency: currency) }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }
}
