/// The handbook protocol's training and test transactions (spec §7), as row indices into
/// `HandbookTransactions` in increasing transaction id, with what card precision@k needs per row.
public struct HandbookSplit: Sendable {
    /// Training-week rows (unfiltered).
    public let train: [Int]
    /// Test-week rows left after dropping the known compromised cards.
    public let test: [Int]
    /// `TX_TIME_DAYS` of each test row (card precision@k ranks cards per day).
    public let testDays: [Int]
    /// `CUSTOMER_ID` (the card) of each test row.
    public let testCustomers: [Int]
    /// `TX_FRAUD` of each test row.
    public let testLabels: [Int]
    public let trainDays: [Int]
    public let trainCustomers: [Int]
    public let trainLabels: [Int]

    /// The canonical protocol on the canonical dataset, computed once per process.
    public static func canonical() -> HandbookSplit { canonicalSplit }

    private static let canonicalSplit = HandbookProtocol.canonical.split(HandbookDataset.canonical())

    public init(train: [Int], test: [Int], transactions t: HandbookTransactions) {
        self.train = train
        self.test = test
        testDays = test.map { Int(t.days[$0]) }
        testCustomers = test.map { Int(t.customers[$0]) }
        testLabels = test.map { Int(t.fraud[$0]) }
        trainDays = train.map { Int(t.days[$0]) }
        trainCustomers = train.map { Int(t.customers[$0]) }
        trainLabels = train.map { Int(t.fraud[$0]) }
    }
}
