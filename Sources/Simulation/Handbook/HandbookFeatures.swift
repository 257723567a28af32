/// The handbook's baseline feature transformations (spec §6), computed in O(n) with per-key sliding
/// windows over rows grouped by customer or terminal (each group already in chronological order).
public enum HandbookFeatures {
    /// The window lengths n in days.
    public static let windowDays = [1, 7, 30]
    /// The terminal windows' delay d in days: labels arrive about a week late.
    public static let delayDays = 7
    static let daySeconds = 86_400

    /// The features of every row of the canonical dataset, computed once per process (thread-safe lazy static).
    public static func canonical() -> HandbookFeatureMatrix { canonicalMatrix }

    private static let canonicalMatrix = compute(HandbookDataset.canonical())

    /// Features of the rows `transactionIDs` (all rows when nil), in that order. Windows always see
    /// the whole table; only the output is restricted.
    public static func compute(_ data: HandbookDataset, transactionIDs: [Int]? = nil) -> HandbookFeatureMatrix {
        let t = data.transactions
        let ids = transactionIDs ?? Array(0..<t.count)
        let columns = HandbookFeatureMatrix.columns
        // Output row of each table row, or −1 when not requested.
        var outputRow = [Int32](repeating: -1, count: t.count)
        for (position, id) in ids.enumerated() { outputRow[id] = Int32(position) }
        var values = [Double](repeating: 0, count: ids.count * columns)

        values.withUnsafeMutableBufferPointer { out in
            for (position, row) in ids.enumerated() {
                let base = position * columns
                let seconds = Int(t.seconds[row])
                let weekday = (HandbookDataset.startWeekday + Int(t.days[row])) % 7
                out[base] = t.amounts[row]
                out[base + 1] = weekday >= 5 ? 1 : 0
                out[base + 2] = (seconds % daySeconds) / 3600 <= 6 ? 1 : 0
            }

            let byCustomer = HandbookRowIndex(keys: t.customers, keyCount: data.parameters.customers)
            for customer in 0..<data.parameters.customers {
                let rows = byCustomer.rows(of: customer)
                if rows.isEmpty { continue }
                customerWindows(rows: Array(rows), table: t, outputRow: outputRow, columns: columns, out: out)
            }

            let byTerminal = HandbookRowIndex(keys: t.terminals, keyCount: data.parameters.terminals)
            for terminal in 0..<data.parameters.terminals {
                let rows = byTerminal.rows(of: terminal)
                if rows.isEmpty { continue }
                terminalWindows(rows: Array(rows), table: t, outputRow: outputRow, columns: columns, out: out)
            }
        }
        return HandbookFeatureMatrix(transactionIDs: ids, values: values)
    }

    /// Customer spending: count and mean amount over (t − n days, t], the current row included and
    /// same-timestamp rows later in order excluded — i.e. the group's prefix ending at the row.
    static func customerWindows(rows: [Int], table t: HandbookTransactions, outputRow: [Int32], columns: Int, out: UnsafeMutableBufferPointer<Double>) {
        for (w, n) in windowDays.enumerated() {
            let span = n * daySeconds
            var lower = 0
            // A sliding sum with Neumaier compensation: long histories do not leave round-off in short windows.
            var sum = 0.0, compensation = 0.0
            @inline(__always) func add(_ x: Double) {
                let total = sum + x
                compensation += abs(sum) >= abs(x) ? (sum - total) + x : (x - total) + sum
                sum = total
            }
            for (i, row) in rows.enumerated() {
                let time = Int(t.seconds[row])
                add(t.amounts[row])
                while Int(t.seconds[rows[lower]]) <= time - span {
                    add(-t.amounts[rows[lower]])
                    lower += 1
                }
                let position = Int(outputRow[row])
                guard position >= 0 else { continue }
                let count = i - lower + 1
                out[position * columns + 3 + 2 * w] = Double(count)
                out[position * columns + 4 + 2 * w] = (sum + compensation) / Double(count)
            }
        }
    }

    /// Terminal risk: count and fraud rate over (t − (d + n) days, t − d days]; the rate is 0 when the
    /// window is empty. Counts are exact integer prefix differences.
    static func terminalWindows(rows: [Int], table t: HandbookTransactions, outputRow: [Int32], columns: Int, out: UnsafeMutableBufferPointer<Double>) {
        var frauds = [Int](repeating: 0, count: rows.count + 1)
        for (i, row) in rows.enumerated() { frauds[i + 1] = frauds[i] + Int(t.fraud[row]) }
        let delay = delayDays * daySeconds
        let base = 3 + 2 * windowDays.count
        for (w, n) in windowDays.enumerated() {
            let span = (delayDays + n) * daySeconds
            var lower = 0, upper = 0  // window = rows[lower..<upper]
            for row in rows {
                let time = Int(t.seconds[row])
                while upper < rows.count && Int(t.seconds[rows[upper]]) <= time - delay { upper += 1 }
                while lower < upper && Int(t.seconds[rows[lower]]) <= time - span { lower += 1 }
                let position = Int(outputRow[row])
                guard position >= 0 else { continue }
                let count = upper - lower
                out[position * columns + base + 2 * w] = Double(count)
                out[position * columns + base + 1 + 2 * w] = count == 0 ? 0 : Double(frauds[upper] - frauds[lower]) / Double(count)
            }
        }
    }
}
