/// One customer's buy-till-you-die summary over a calibration period, and what they bought in
/// the holdout period after it (for checking predictions).
public struct CustomerSummary: Sendable, Equatable {
    public var customerID: String
    /// Frequency x (repeat purchase days), recency t_x and age T in the chosen time unit, and the
    /// mean spend of the repeat purchase days (nil without repeats).
    public var summary: RFMSummary
    /// The day of the first purchase (day number).
    public var firstDay: Int
    /// Purchase days in the holdout period, and its length in the time unit (0 without a holdout).
    public var holdoutFrequency: Int
    public var holdoutDuration: Double
    /// Total spend in the holdout period.
    public var holdoutSpend: Double

    public init(customerID: String, summary: RFMSummary, firstDay: Int, holdoutFrequency: Int, holdoutDuration: Double, holdoutSpend: Double) {
        self.customerID = customerID; self.summary = summary; self.firstDay = firstDay
        self.holdoutFrequency = holdoutFrequency; self.holdoutDuration = holdoutDuration; self.holdoutSpend = holdoutSpend
    }
}
