/// One simulated card holder (spec §3.1, §3.3).
public struct HandbookCustomerProfile: Sendable, Hashable {
    public let id: Int
    public let x: Double
    public let y: Double
    public let meanAmount: Double
    /// Always `meanAmount / 2` (not drawn).
    public let stdAmount: Double
    public let meanTransactionsPerDay: Double
    /// Terminal ids strictly within the radius, in increasing id order (the terminal pick indexes into it).
    public let availableTerminals: [Int]

    public init(id: Int, x: Double, y: Double, meanAmount: Double, stdAmount: Double, meanTransactionsPerDay: Double, availableTerminals: [Int]) {
        self.id = id
        self.x = x
        self.y = y
        self.meanAmount = meanAmount
        self.stdAmount = stdAmount
        self.meanTransactionsPerDay = meanTransactionsPerDay
        self.availableTerminals = availableTerminals
    }
}
