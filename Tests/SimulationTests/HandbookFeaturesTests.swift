@testable import Simulation
import Testing

/// The baseline features (`fraud-simulator-spec.md` §6): a hand-computed table and the published check rows.
@Suite("Handbook features")
struct HandbookFeaturesTests {
    static let day = 86_400

    /// Six rows: customers 0 and 1, one terminal, day 0 a Sunday.
    ///
    /// | row | seconds | day | customer | amount | fraud |
    /// |---|---|---|---|---|---|
    /// | 0 | 1,000 | 0 | 0 | 10 | 1 |
    /// | 1 | 1,000 | 0 | 0 | 20 | 0 |  (same timestamp as row 0, later in order)
    /// | 2 | 50,000 | 0 | 1 | 30 | 0 |
    /// | 3 | 87,000 | 1 | 0 | 40 | 0 |
    /// | 4 | 8·86,400 + 500 = 691,700 | 8 | 0 | 50 | 1 |
    /// | 5 | 8·86,400 + 1,000 = 692,200 | 8 | 1 | 60 | 0 |
    static func handTable() -> HandbookDataset {
        var table = HandbookTransactions(
            seconds: [1_000, 1_000, 50_000, 87_000, 691_700, 692_200], days: [0, 0, 0, 1, 8, 8],
            customers: [0, 0, 1, 0, 0, 1], terminals: [0, 0, 0, 0, 0, 0], amounts: [10, 20, 30, 40, 50, 60])
        table.fraud = [1, 0, 0, 0, 1, 0]
        table.scenarios = [1, 0, 0, 0, 1, 0]
        return HandbookDataset(
            parameters: HandbookParameters(customers: 2, terminals: 1, days: 9), customers: [], terminals: [],
            transactions: table, scenarioIncrements: [2, 0, 0])
    }

    func expectRow(_ m: HandbookFeatureMatrix, _ row: Int, _ expected: [Double]) {
        for (column, value) in expected.enumerated() {
            #expect(abs(m[row, column] - value) < 1e-12, "row \(row) \(HandbookFeatureMatrix.columnNames[column]): \(m[row, column]) ≠ \(value)")
        }
    }

    @Test("hand-computed windows: same-timestamp rule, delayed terminal windows, empty windows")
    func handComputed() {
        let m = HandbookFeatures.compute(Self.handTable())
        #expect(m.rows == 6 && m.columns == 15)
        // Columns: amount, weekend, night, customer (n, avg) × 1/7/30, terminal (n, risk) × 1/7/30.
        // Row 0: day 0 Sunday, 00:16 → night; its customer windows hold only itself (row 1 shares the
        // timestamp but comes later); terminal windows end at t − 7 days < 0: empty, risk 0.
        expectRow(m, 0, [10, 1, 1, 1, 10, 1, 10, 1, 10, 0, 0, 0, 0, 0, 0])
        // Row 1: rows 0–1 → 2 transactions, mean 15.
        expectRow(m, 1, [20, 1, 1, 2, 15, 2, 15, 2, 15, 0, 0, 0, 0, 0, 0])
        // Row 2: 13:53, not night; customer 1's first.
        expectRow(m, 2, [30, 1, 0, 1, 30, 1, 30, 1, 30, 0, 0, 0, 0, 0, 0])
        // Row 3: day 1 Monday; 1-day window (600, 87,000] holds rows 0, 1, 3 → 3, (10 + 20 + 40) / 3.
        expectRow(m, 3, [40, 0, 1, 3, 70.0 / 3, 3, 70.0 / 3, 3, 70.0 / 3, 0, 0, 0, 0, 0, 0])
        // Row 4: day 8 Monday 00:08. Customer 0: 1 day (605,300, 691,700] → itself; 7 days (86,900, …] →
        // rows 3, 4 → 45; 30 days → rows 0, 1, 3, 4 → 30. Terminal windows end at 691,700 − 604,800 =
        // 86,900 (row 3 at 87,000 is still hidden): 1 day (500, 86,900] → rows 0–2, one fraud → 1/3;
        // 7 and 30 days the same.
        expectRow(m, 4, [50, 0, 1, 1, 50, 2, 45, 4, 30, 3, 1.0 / 3, 3, 1.0 / 3, 3, 1.0 / 3])
        // Row 5: customer 1: 1 and 7 days → itself; 30 days → rows 2, 5 → 45. Terminal windows end at
        // 87,400: 1 day (1,000, 87,400] → rows 2, 3 (rows 0–1 sit on the open bound) → 2, no fraud;
        // 7 and 30 days → rows 0–3, one fraud → 0.25.
        expectRow(m, 5, [60, 0, 1, 1, 60, 1, 60, 2, 45, 2, 0, 4, 0.25, 4, 0.25])
    }

    @Test("a subset of rows gets the same values as the full table")
    func subset() {
        let data = Self.handTable()
        let full = HandbookFeatures.compute(data), part = HandbookFeatures.compute(data, transactionIDs: [5, 3])
        #expect(part.transactionIDs == [5, 3])
        #expect((0..<15).allSatisfy { part[0, $0] == full[5, $0] && part[1, $0] == full[3, $0] })
    }

    @Test("exact: the handbook's printed feature rows (first test-set rows)")
    func publishedRows() {
        let m = HandbookFeatures.canonical()
        func value(_ id: Int, _ name: String) -> Double { m[id, HandbookFeatureMatrix.columnIndex(name)!] }
        // (id, customer avg 7d, customer n 30d, customer avg 30d, terminal n 1/7/30d, terminal risk 30d), spec §6.
        let rows: [(Int, Double, Double, Double, [Double], Double)] = [
            (1_236_698, 67.468529, 120, 64.611750, [2, 9, 31], 0.0),
            (1_236_699, 79.955455, 124, 85.365645, [2, 10, 23], 0.0),
            (1_236_701, 56.269167, 61, 49.095902, [1, 10, 26], 0.076923),
        ]
        for (id, avg7, n30, avg30, terminalCounts, risk30) in rows {
            #expect(abs(value(id, "CUSTOMER_ID_AVG_AMOUNT_7DAY_WINDOW") - avg7) < 1e-6)
            #expect(value(id, "CUSTOMER_ID_NB_TX_30DAY_WINDOW") == n30)
            #expect(abs(value(id, "CUSTOMER_ID_AVG_AMOUNT_30DAY_WINDOW") - avg30) < 1e-6)
            #expect([1, 7, 30].map { value(id, "TERMINAL_ID_NB_TX_\($0)DAY_WINDOW") } == terminalCounts)
            #expect(abs(value(id, "TERMINAL_ID_RISK_30DAY_WINDOW") - risk30) < 1e-6)
        }
    }
}
