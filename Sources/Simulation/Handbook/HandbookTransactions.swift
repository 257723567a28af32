/// The labelled transaction table as struct-of-arrays (spec §1): row i is `TRANSACTION_ID` i, in
/// chronological order. Columns are compact (1.75 M rows in the canonical run).
public struct HandbookTransactions: Sendable {
    /// `TX_TIME_SECONDS`: seconds since the start date at 00:00:00.
    public internal(set) var seconds: [Int32]
    /// `TX_TIME_DAYS`: 0-based day index.
    public internal(set) var days: [Int32]
    public internal(set) var customers: [Int32]
    public internal(set) var terminals: [Int32]
    /// `TX_AMOUNT` after the fraud scenarios (scenario 3 multiplies without re-rounding).
    public internal(set) var amounts: [Double]
    /// `TX_FRAUD`: 0 or 1.
    public internal(set) var fraud: [UInt8]
    /// `TX_FRAUD_SCENARIO`: 0 genuine, else the last scenario (1…3) that marked the row.
    public internal(set) var scenarios: [UInt8]

    public var count: Int { seconds.count }

    init(seconds: [Int32], days: [Int32], customers: [Int32], terminals: [Int32], amounts: [Double]) {
        self.seconds = seconds
        self.days = days
        self.customers = customers
        self.terminals = terminals
        self.amounts = amounts
        fraud = [UInt8](repeating: 0, count: seconds.count)
        scenarios = [UInt8](repeating: 0, count: seconds.count)
    }
}
