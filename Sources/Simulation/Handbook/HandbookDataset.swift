import Foundation

/// The simulator's three tables (spec §1) plus how many frauds each scenario added.
public struct HandbookDataset: Sendable {
    public let parameters: HandbookParameters
    public let customers: [HandbookCustomerProfile]
    public let terminals: [HandbookTerminalProfile]
    public let transactions: HandbookTransactions
    /// New frauds added by scenarios 1, 2 and 3 in turn (index 0 is scenario 1); a row already
    /// fraudulent is not counted again when a later scenario relabels it.
    public let scenarioIncrements: [Int]

    /// The start date, 2018-04-01 00:00:00 (a Sunday); `TX_DATETIME` = start + `TX_TIME_SECONDS` (no time zone).
    public static let startDate = Date(timeIntervalSince1970: 1_522_540_800)
    /// Weekday of day 0 with Monday = 0 (the start date is a Sunday).
    public static let startWeekday = 6

    /// The canonical dataset (spec §2), generated once per process on first use and shared by every
    /// caller; the lazy static initialiser is thread-safe.
    public static func canonical() -> HandbookDataset { canonicalDataset }

    private static let canonicalDataset = HandbookSimulator(parameters: .canonical).run()
}
