/// The handbook's baseline evaluation protocol (spec §7): a training week, a delay week left out,
/// and a test week from which cards already known to be compromised are removed.
public struct HandbookProtocol: Sendable, Hashable {
    /// First training day (day 115 = 2018-07-25).
    public var trainStartDay: Int
    public var trainDays: Int
    /// The gap between training and test in which labels are not yet known.
    public var delayDays: Int
    public var testDays: Int

    public init(trainStartDay: Int = 115, trainDays: Int = 7, delayDays: Int = 7, testDays: Int = 7) {
        self.trainStartDay = trainStartDay
        self.trainDays = trainDays
        self.delayDays = delayDays
        self.testDays = testDays
    }

    /// Train 2018-07-25..31 (days 115–121), delay 08-01..07, test 08-08..14 (days 129–135).
    public static let canonical = HandbookProtocol()

    public var testStartDay: Int { trainStartDay + trainDays + delayDays }

    /// The training and test rows.
    ///
    /// Known cards start as those with a fraud in the training week. Before test day k, the cards
    /// with a fraud on day `trainStartDay + trainDays − 1 + k` (121 + k, i.e. test day − 8 with the
    /// canonical delay) join them: the handbook's code has this off-by-one against its own comment
    /// ("test day − delay"), and the published test size (58,264) depends on it.
    public func split(_ data: HandbookDataset) -> HandbookSplit {
        let t = data.transactions
        let dayCount = max(data.parameters.days, Int(t.days.max() ?? 0) + 1)
        let byDay = HandbookRowIndex(keys: t.days, keyCount: dayCount)
        func rows(on day: Int) -> ArraySlice<Int> { day >= 0 && day < dayCount ? byDay.rows(of: day) : [] }

        var train: [Int] = []
        var known = Set<Int32>()
        for day in trainStartDay..<(trainStartDay + trainDays) {
            for row in rows(on: day) {
                train.append(row)
                if t.fraud[row] == 1 { known.insert(t.customers[row]) }
            }
        }
        var test: [Int] = []
        for k in 0..<testDays {
            for row in rows(on: trainStartDay + trainDays - 1 + k) where t.fraud[row] == 1 {
                known.insert(t.customers[row])
            }
            for row in rows(on: testStartDay + k) where !known.contains(t.customers[row]) {
                test.append(row)
            }
        }
        return HandbookSplit(train: train, test: test, transactions: t)
    }
}
