/// Per-series running sums that make every window statistic of the global features O(1).
///
/// Days before the first sale are treated as "not yet listed" rather than zero demand: windows
/// are clipped to start at the first sale, and lags before it are missing.
struct GlobalSeriesStatistics: Sendable {
    /// Index of the first day with a sale; `nil` when the series never sold.
    let firstSale: Int?
    /// prefix[i] = Σ y[0..<i]; squares and zeros likewise.
    let prefix: [Double]
    let prefixSquares: [Double]
    let prefixZeros: [Double]
    /// lastSale[i]: the last day ≤ i with a sale, or −1.
    let lastSale: [Int32]
    let meanPrice: Double
    let maxPrice: Double
    /// Per smoothing constant α: the exponentially weighted mean of sales as of each day, and of
    /// the sale indicator (TSB's demand probability; Teunter, Syntetos & Babai 2011), both
    /// started at the first sale; `.nan` before it.
    let smoothedMeans: [[Double]]
    let smoothedOccurrence: [[Double]]

    init(sales y: [Double], prices: [Double], alphas: [Double] = []) {
        let n = y.count
        var prefix = [Double](repeating: 0, count: n + 1)
        var squares = prefix, zeros = prefix
        var lastSale = [Int32](repeating: -1, count: n)
        var last: Int32 = -1
        for i in 0..<n {
            prefix[i + 1] = prefix[i] + y[i]
            squares[i + 1] = squares[i] + y[i] * y[i]
            zeros[i + 1] = zeros[i] + (y[i] == 0 ? 1 : 0)
            if y[i] > 0 { last = Int32(i) }
            lastSale[i] = last
        }
        self.prefix = prefix
        prefixSquares = squares
        prefixZeros = zeros
        self.lastSale = lastSale
        let firstSale = y.firstIndex { $0 > 0 }
        self.firstSale = firstSale
        var means: [[Double]] = [], occurrence: [[Double]] = []
        for alpha in alphas {
            var m = [Double](repeating: .nan, count: n), p = m
            if let first = firstSale {
                var level = y[first], probability = 1.0
                for i in first..<n {
                    level += alpha * (y[i] - level)
                    probability += alpha * ((y[i] > 0 ? 1 : 0) - probability)
                    m[i] = level
                    p[i] = probability
                }
            }
            means.append(m)
            occurrence.append(p)
        }
        smoothedMeans = means
        smoothedOccurrence = occurrence
        var sum = 0.0, count = 0.0, top = -Double.infinity
        for p in prices where !p.isNaN {
            sum += p
            count += 1
            top = max(top, p)
        }
        meanPrice = count > 0 ? sum / count : .nan
        maxPrice = count > 0 ? top : .nan
    }

    /// The sales window `[end − width + 1, end]` clipped to start at the first sale: its start and length.
    @inline(__always)
    func window(end: Int, width: Int) -> (start: Int, count: Int) {
        guard let first = firstSale, end >= first else { return (0, 0) }
        let start = max(end - width + 1, first)
        return (start, end - start + 1)
    }

    @inline(__always)
    func mean(end: Int, width: Int) -> Double {
        let (s, c) = window(end: end, width: width)
        return c > 0 ? (prefix[end + 1] - prefix[s]) / Double(c) : .nan
    }

    /// Sample standard deviation of the window (n − 1 divisor), missing below two days.
    @inline(__always)
    func standardDeviation(end: Int, width: Int) -> Double {
        let (s, c) = window(end: end, width: width)
        guard c > 1 else { return .nan }
        let n = Double(c)
        let sum = prefix[end + 1] - prefix[s], squares = prefixSquares[end + 1] - prefixSquares[s]
        return max(0, (squares - sum * sum / n) / (n - 1)).squareRoot()
    }

    @inline(__always)
    func zeroShare(end: Int, width: Int) -> Double {
        let (s, c) = window(end: end, width: width)
        return c > 0 ? (prefixZeros[end + 1] - prefixZeros[s]) / Double(c) : .nan
    }
}
