/// Features for the Fraud Detection Handbook's card-transaction protocol
/// (`fraud-simulator-spec.md` §6–§7): the handbook's 15 baseline inputs and Storewise's additions.
///
/// Inputs are plain arrays in chronological order (one element per transaction), so `Risk` does
/// not depend on the simulator. Every feature uses only the transaction itself, the same card's
/// or terminal's *earlier* transactions, and fraud labels at least `labelDelay` old — the
/// protocol's rule that labels arrive a week late — so it can be computed on any day, including
/// the test week, without looking ahead.
///
/// Storewise's additions, and why they win over the baselines:
/// - the amount against the card's own longer history (median, mean and z-score of the earlier
///   60 days, the earlier 30 days' maximum): the handbook's compromised cards spend 5 × a normal
///   draw, which a card-relative amount separates far better than a mean over a window that
///   includes the current transaction;
/// - how many of the card's earlier transactions in 7 / 14 days were themselves far above its
///   median, and the largest such ratio in 14 days: a card that just spent 5 × its usual is
///   likely compromised for its next transactions too (no labels needed, so no delay);
/// - known frauds at the terminal that their card does not explain (a usual amount for the
///   card): one such fraud already marks a skimmed terminal, where a stolen card's 5 × spend
///   only says something about the card;
/// - delayed fraud *counts* at the terminal over 7 / 14 / 28 days, days since its latest known
///   fraud and since its first known fraud in the last 35 days: a skimmed terminal stays
///   compromised for 28 days, so how long ago its known frauds began says whether it still is.
///
/// Cost: O(n log n) for grouping; each card keeps a sorted 60-day window for the median
/// (binary-searched insert and remove) and monotone queues for window maxima.
public struct HandbookRiskFeatures: Sendable {
    /// One feature column. The first 15 are the handbook's baseline inputs (spec §6).
    public enum Column: String, CaseIterable, Sendable {
        // Baseline (spec §6).
        case amount = "TX_AMOUNT"
        case duringWeekend = "TX_DURING_WEEKEND"
        case duringNight = "TX_DURING_NIGHT"
        case customerTransactions1d = "CUSTOMER_ID_NB_TX_1DAY_WINDOW"
        case customerMeanAmount1d = "CUSTOMER_ID_AVG_AMOUNT_1DAY_WINDOW"
        case customerTransactions7d = "CUSTOMER_ID_NB_TX_7DAY_WINDOW"
        case customerMeanAmount7d = "CUSTOMER_ID_AVG_AMOUNT_7DAY_WINDOW"
        case customerTransactions30d = "CUSTOMER_ID_NB_TX_30DAY_WINDOW"
        case customerMeanAmount30d = "CUSTOMER_ID_AVG_AMOUNT_30DAY_WINDOW"
        case terminalTransactions1d = "TERMINAL_ID_NB_TX_1DAY_WINDOW"
        case terminalRisk1d = "TERMINAL_ID_RISK_1DAY_WINDOW"
        case terminalTransactions7d = "TERMINAL_ID_NB_TX_7DAY_WINDOW"
        case terminalRisk7d = "TERMINAL_ID_RISK_7DAY_WINDOW"
        case terminalTransactions30d = "TERMINAL_ID_NB_TX_30DAY_WINDOW"
        case terminalRisk30d = "TERMINAL_ID_RISK_30DAY_WINDOW"
        // Storewise: the terminal's known (delayed) frauds.
        /// Frauds at the terminal in (t − delay − 7 d, t − delay].
        case terminalKnownFrauds7d
        case terminalKnownFrauds14d
        case terminalKnownFrauds28d
        /// Days from the terminal's latest fraud known at t (time ≤ t − delay) to t; NaN if none.
        case terminalDaysSinceKnownFraud
        /// Days from the terminal's earliest fraud in (t − 35 d, t − delay] to t; NaN if none.
        case terminalDaysSinceFirstKnownFraud35d
        // Storewise: the amount against the card's own earlier transactions.
        /// Amount ÷ the mean of the card's earlier transactions in 60 days; NaN without any.
        case amountToCustomerMean60d
        /// (amount − mean) ÷ sample sd over the card's earlier 60 days; NaN with fewer than 2 or sd 0.
        case amountZScore60d
        /// Amount ÷ the median of the card's earlier transactions in 60 days; NaN without any.
        case amountToCustomerMedian60d
        /// Amount ÷ the largest of the card's earlier transactions in 30 days; NaN without any.
        case amountToCustomerMax30d
        /// The card's earlier transactions in 7 days whose own median ratio exceeded `highRatio`.
        case customerHighRatioCount7d
        case customerHighRatioCount14d
        /// The largest median ratio among the card's earlier transactions in 14 days (a missing
        /// ratio counts 0); NaN without any.
        case customerMaxRatio14d
        // Storewise: known frauds the card does not explain.
        /// Known frauds at the terminal in (t − delay − 7 d, t − delay] whose amount was usual for
        /// their card (median ratio ≤ `highRatio` or no history): the signature of a compromised
        /// terminal rather than of a stolen card spending big.
        case terminalUnexplainedFrauds7d
        case terminalUnexplainedFrauds14d
        case terminalUnexplainedFrauds28d
        /// Days from the terminal's latest known unexplained fraud to t; NaN if none.
        case terminalDaysSinceUnexplainedFraud

        /// The handbook's 15 model inputs, in its order.
        public static let baseline: [Column] = Array(allCases.prefix(15))
        /// Storewise's model inputs: the baseline and every addition.
        public static let storewise: [Column] = allCases
    }

    /// Tunables; the defaults are the protocol's and those chosen on the handbook data.
    public struct Options: Sendable, Hashable {
        /// How late fraud labels arrive (the protocol's 7 days).
        public var labelDelaySeconds: Int = 7 * 86_400
        /// The weekday of second 0, Monday = 0 … Sunday = 6 (2018-04-01 was a Sunday).
        public var startWeekday: Int = 6
        /// The median ratio above which a card's transaction counts as "far above its usual".
        public var highRatio: Double = 3
        public init() {}
    }

    /// Transactions described.
    public let count: Int
    /// `values[column.index][row]`.
    private let values: [[Double]]

    /// Computes every column. All arrays have one element per transaction, ordered by time
    /// (ties in any order, the order being the one the windows respect).
    public init(seconds: [Int], customers: [Int], terminals: [Int], amounts: [Double], frauds: [Bool],
                options: Options = Options()) throws {
        let n = seconds.count
        for (name, c) in [("customers", customers.count), ("terminals", terminals.count), ("amounts", amounts.count), ("frauds", frauds.count)] where c != n {
            throw RiskModelError.invalidInput(field: name, reason: "\(c) values for \(n) transactions")
        }
        for i in 1..<max(n, 1) where seconds[i] < seconds[i - 1] {
            throw RiskModelError.invalidInput(field: "seconds", reason: "not in time order at row \(i)")
        }
        count = n
        var cols = [[Double]](repeating: [Double](repeating: .nan, count: n), count: Column.allCases.count)
        Self.calendar(seconds: seconds, amounts: amounts, options: options, into: &cols)
        for group in Self.groups(customers) {
            Self.customer(group, seconds: seconds, amounts: amounts, options: options, into: &cols)
        }
        // A fraud is "unexplained" by its card when its amount was usual for the card.
        let ratios = cols[Column.amountToCustomerMedian60d.index]
        let unexplained = frauds.indices.map { frauds[$0] && !(ratios[$0] > options.highRatio) }
        for group in Self.groups(terminals) {
            Self.terminal(group, seconds: seconds, frauds: frauds, options: options, into: &cols)
            Self.terminal(group, seconds: seconds, frauds: unexplained, options: options, unexplained: true, into: &cols)
        }
        values = cols
    }

    /// One column's values, one per transaction.
    public func column(_ column: Column) -> [Double] { values[column.index] }

    /// Row-major values of `rows` × `columns` (for `RiskClassifier`).
    public func rows(_ rows: [Int], columns: [Column]) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(rows.count * columns.count)
        let picked = columns.map { values[$0.index] }
        for r in rows { for c in picked { out.append(c[r]) } }
        return out
    }

    // MARK: - Computation

    private static let day = 86_400

    private static func calendar(seconds: [Int], amounts: [Double], options: Options, into cols: inout [[Double]]) {
        let amount = Column.amount.index, weekend = Column.duringWeekend.index, night = Column.duringNight.index
        for i in seconds.indices {
            let weekday = (options.startWeekday + seconds[i] / day) % 7
            cols[amount][i] = amounts[i]
            cols[weekend][i] = weekday >= 5 ? 1 : 0
            // The handbook's code counts hour ≤ 6 as night (spec §6).
            cols[night][i] = (seconds[i] % day) / 3_600 <= 6 ? 1 : 0
        }
    }

    /// Row indices grouped by key, each group in row (time) order; groups in key order.
    static func groups(_ keys: [Int]) -> [[Int]] {
        var byKey: [Int: [Int]] = [:]
        for (i, k) in keys.enumerated() { byKey[k, default: []].append(i) }
        return byKey.keys.sorted().map { byKey[$0]! }
    }

    private static func customer(_ g: [Int], seconds: [Int], amounts: [Double], options: Options, into cols: inout [[Double]]) {
        let m = g.count
        // Prefix sums over the group (position p covers g[0..<p]).
        var sum = [Double](repeating: 0, count: m + 1), sq = sum, high = sum
        for p in 0..<m {
            let a = amounts[g[p]]
            sum[p + 1] = sum[p] + a
            sq[p + 1] = sq[p] + a * a
        }
        // Baseline windows (t − n d, t], the current transaction included.
        let baseline: [(days: Int, count: Int, mean: Int)] = [
            (1, Column.customerTransactions1d.index, Column.customerMeanAmount1d.index),
            (7, Column.customerTransactions7d.index, Column.customerMeanAmount7d.index),
            (30, Column.customerTransactions30d.index, Column.customerMeanAmount30d.index),
        ]
        for w in baseline {
            var left = 0
            for p in 0..<m {
                let t = seconds[g[p]]
                while seconds[g[left]] <= t - w.days * day { left += 1 }
                let c = Double(p - left + 1)
                cols[w.count][g[p]] = c
                cols[w.mean][g[p]] = (sum[p + 1] - sum[left]) / c
            }
        }
        // Earlier transactions in 60 days: mean, sd, median; 30 days: maximum.
        let toMean = Column.amountToCustomerMean60d.index, zScore = Column.amountZScore60d.index
        let toMedian = Column.amountToCustomerMedian60d.index, toMax = Column.amountToCustomerMax30d.index
        var left60 = 0, left30 = 0
        var window = SortedWindow()
        var maxQueue = MonotoneMaxQueue()
        var ratio = [Double](repeating: .nan, count: m)
        for p in 0..<m {
            let i = g[p], t = seconds[i], a = amounts[i]
            while left60 < p, seconds[g[left60]] <= t - 60 * day {
                window.remove(amounts[g[left60]]); left60 += 1
            }
            while left30 < p, seconds[g[left30]] <= t - 30 * day { left30 += 1 }
            maxQueue.dropBefore(left30)
            let k = Double(p - left60)
            if k > 0 {
                let mean = (sum[p] - sum[left60]) / k
                cols[toMean][i] = a / mean
                if k > 1 {
                    let variance = (sq[p] - sq[left60] - k * mean * mean) / (k - 1)
                    let sd = variance > 0 ? variance.squareRoot() : 0
                    if sd > 0 { cols[zScore][i] = (a - mean) / sd }
                }
                ratio[p] = a / window.median
                cols[toMedian][i] = ratio[p]
            }
            if let mx = maxQueue.max { cols[toMax][i] = a / mx }
            window.insert(a)
            maxQueue.push(position: p, value: a)
        }
        // Earlier transactions far above the card's median, and their largest ratio.
        for p in 0..<m { high[p + 1] = high[p] + (ratio[p] > options.highRatio ? 1 : 0) }
        for (days, column) in [(7, Column.customerHighRatioCount7d.index), (14, Column.customerHighRatioCount14d.index)] {
            var left = 0
            for p in 0..<m {
                let t = seconds[g[p]]
                while left < p, seconds[g[left]] <= t - days * day { left += 1 }
                cols[column][g[p]] = high[p] - high[left]
            }
        }
        let maxRatio = Column.customerMaxRatio14d.index
        var left14 = 0
        var ratioQueue = MonotoneMaxQueue()
        for p in 0..<m {
            let t = seconds[g[p]]
            while left14 < p, seconds[g[left14]] <= t - 14 * day { left14 += 1 }
            ratioQueue.dropBefore(left14)
            if let mx = ratioQueue.max { cols[maxRatio][g[p]] = mx }
            ratioQueue.push(position: p, value: ratio[p].isNaN ? 0 : ratio[p])
        }
    }

    /// The terminal's delayed-label features; with `unexplained`, `frauds` holds only the frauds
    /// the card did not explain and only those columns are written.
    private static func terminal(_ g: [Int], seconds: [Int], frauds: [Bool], options: Options, unexplained: Bool = false,
                                 into cols: inout [[Double]]) {
        let m = g.count, delay = options.labelDelaySeconds
        var fraudSum = [Int](repeating: 0, count: m + 1)
        for p in 0..<m { fraudSum[p + 1] = fraudSum[p] + (frauds[g[p]] ? 1 : 0) }
        // Windows (t − delay − n d, t − delay]: rows [lo, hi) where hi = first row after t − delay.
        let windows: [(days: Int, count: Column?, risk: Column?, frauds: Column?)] = unexplained ? [
            (7, nil, nil, .terminalUnexplainedFrauds7d),
            (14, nil, nil, .terminalUnexplainedFrauds14d),
            (28, nil, nil, .terminalUnexplainedFrauds28d),
        ] : [
            (1, .terminalTransactions1d, .terminalRisk1d, nil),
            (7, .terminalTransactions7d, .terminalRisk7d, .terminalKnownFrauds7d),
            (14, nil, nil, .terminalKnownFrauds14d),
            (28, nil, nil, .terminalKnownFrauds28d),
            (30, .terminalTransactions30d, .terminalRisk30d, nil),
        ]
        // Column indices, looked up once (a lookup hashes the raw string).
        let slots = windows.map { (days: $0.days, count: $0.count?.index, risk: $0.risk?.index, frauds: $0.frauds?.index) }
        let since = (unexplained ? Column.terminalDaysSinceUnexplainedFraud : .terminalDaysSinceKnownFraud).index
        let first = Column.terminalDaysSinceFirstKnownFraud35d.index
        var hi = 0
        var lo = [Int](repeating: 0, count: windows.count)
        var lastFraud: Int? = nil
        var recentFrauds: [Int] = [], recentHead = 0  // times of known frauds, oldest first
        for p in 0..<m {
            let i = g[p], t = seconds[i]
            while hi < m, seconds[g[hi]] <= t - delay {
                if frauds[g[hi]] { lastFraud = seconds[g[hi]]; recentFrauds.append(seconds[g[hi]]) }
                hi += 1
            }
            for (w, window) in slots.enumerated() {
                while lo[w] < hi, seconds[g[lo[w]]] <= t - delay - window.days * day { lo[w] += 1 }
                let c = hi - lo[w], f = fraudSum[hi] - fraudSum[lo[w]]
                if let column = window.count { cols[column][i] = Double(c) }
                if let column = window.risk { cols[column][i] = c > 0 ? Double(f) / Double(c) : 0 }
                if let column = window.frauds { cols[column][i] = Double(f) }
            }
            if let lastFraud { cols[since][i] = Double(t - lastFraud) / Double(day) }
            if unexplained { continue }
            while recentHead < recentFrauds.count, recentFrauds[recentHead] <= t - 35 * day { recentHead += 1 }
            if recentHead < recentFrauds.count {
                cols[first][i] = Double(t - recentFrauds[recentHead]) / Double(day)
            }
        }
    }
}

extension HandbookRiskFeatures.Column {
    /// The column's position in `allCases`.
    public var index: Int { Self.indexes[self]! }
    private static let indexes: [Self: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}

/// A multiset of amounts kept sorted, for a sliding-window median.
struct SortedWindow {
    private(set) var items: [Double] = []

    /// First index whose item is not below `x`.
    private func lowerBound(_ x: Double) -> Int {
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if items[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    mutating func insert(_ x: Double) { items.insert(x, at: lowerBound(x)) }

    mutating func remove(_ x: Double) {
        let i = lowerBound(x)
        if i < items.count, items[i] == x { items.remove(at: i) }
    }

    /// The median (mean of the two middle items for an even count); NaN when empty.
    var median: Double {
        let c = items.count
        if c == 0 { return .nan }
        return c % 2 == 1 ? items[c / 2] : (items[c / 2 - 1] + items[c / 2]) / 2
    }
}

/// Sliding-window maximum over positions: values pushed in position order, old positions dropped.
struct MonotoneMaxQueue {
    private var positions: [Int] = [], values: [Double] = []
    private var head = 0

    mutating func push(position: Int, value: Double) {
        while positions.count > head, values[values.count - 1] <= value {
            positions.removeLast(); values.removeLast()
        }
        positions.append(position); values.append(value)
    }

    /// Drops the entries at positions before `position`.
    mutating func dropBefore(_ position: Int) {
        while head < positions.count, positions[head] < position { head += 1 }
    }

    var max: Double? { head < values.count ? values[head] : nil }
}
