/// Rows grouped by an integer key (compressed sparse rows), each group in increasing row order.
struct HandbookRowIndex {
    private let starts: [Int]
    private let rowsByKey: [Int]

    init(keys: [Int32], keyCount: Int) {
        var starts = [Int](repeating: 0, count: keyCount + 1)
        for key in keys { starts[Int(key) + 1] += 1 }
        for k in 0..<keyCount { starts[k + 1] += starts[k] }
        var next = starts
        var rowsByKey = [Int](repeating: 0, count: keys.count)
        for (row, key) in keys.enumerated() {
            rowsByKey[next[Int(key)]] = row
            next[Int(key)] += 1
        }
        self.starts = starts
        self.rowsByKey = rowsByKey
    }

    /// The rows of `key` in increasing order.
    func rows(of key: Int) -> ArraySlice<Int> {
        rowsByKey[starts[key]..<starts[key + 1]]
    }
}
