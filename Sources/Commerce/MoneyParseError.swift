/// Why a decimal amount string could not become `Money`; names the offending value.
public struct MoneyParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that was rejected, verbatim.
    public var value: String
    /// The currency it was parsed for.
    public var currency: String
    /// What is wrong with it, e.g. "has 3 decimals but USD allows 2".
    public var reason: String

    public init(value: String, currency: String, reason: String) {
        self.value = value; self.currency = currency; self.reason = reason
    }

    public var description: String { "\"\(value)\" is not a valid \(currency) amount: \(reason)" }
}
