import Dispatch
import Foundation
import Synchronization

/// Σ wᵢ ln Lᵢ of the Pareto/NBD (note 009, eq. 18) over condensed rows, built for a million
/// customers: the drop-out integrals are shared between rows instead of computed per row.
///
/// Every row's A₀ integral runs between two of the data's times (t_x and T). With day-granular
/// data there are only a few hundred distinct times, so for each distinct frequency x the
/// integral is taken once per cell between consecutive times (``ParetoNBDIntegral``'s rule,
/// with the node logarithms shared by all frequencies) and accumulated from the right into tail
/// integrals S_x(v) = ∫_v^{max T} in logs; each row's integral is then S_x(t_x) − S_x(T), two
/// look-ups. Frequencies and rows are split over `threads` threads in a fixed number of chunks
/// summed in order, so the value does not depend on the thread count.
///
/// When the times are too many for the tables to pay off (``isWorthwhile`` is false), callers
/// use the per-row likelihood instead.
struct ParetoNBDLikelihood: Sendable {
    let x: [Double]
    let w: [Double]
    let frequencyIndex: [Int32]
    let txIndex: [Int32]
    let TIndex: [Int32]
    let frequencies: [Double]
    /// The distinct times (t_x and T of every row), ascending.
    let times: [Double]
    /// Per frequency: the lowest t_x index and highest T index of its rows, and where its tail
    /// integrals start in the table.
    let lower: [Int]
    let upper: [Int]
    let offset: [Int]
    let tableSize: Int
    let threads: Int

    /// Rows per chunk of the row sum.
    static let rowChunk = 16_384

    init(x: [Double], tx: [Double], T: [Double], w: [Double], frequencyIndex: [Int], frequencies: [Double], threads: Int) {
        self.x = x
        self.w = w
        self.frequencies = frequencies
        self.threads = max(1, threads)
        self.frequencyIndex = frequencyIndex.map { Int32($0) }
        var all = Array(Set(tx.map(\.bitPattern)).union(T.map(\.bitPattern))).map { Double(bitPattern: $0) }
        all.sort()
        times = all
        var index: [UInt64: Int32] = [:]
        index.reserveCapacity(all.count)
        for (i, t) in all.enumerated() { index[t.bitPattern] = Int32(i) }
        let txi = tx.map { index[$0.bitPattern]! }
        let Ti = T.map { index[$0.bitPattern]! }
        txIndex = txi
        TIndex = Ti
        var lo = [Int](repeating: Int.max, count: frequencies.count)
        var hi = [Int](repeating: 0, count: frequencies.count)
        for i in 0..<x.count {
            let q = frequencyIndex[i]
            lo[q] = min(lo[q], Int(txi[i]))
            hi[q] = max(hi[q], Int(Ti[i]))
        }
        var start = 0
        var offsets: [Int] = []
        for q in 0..<frequencies.count {
            if lo[q] == Int.max { lo[q] = 0; hi[q] = 0 }
            offsets.append(start)
            start += hi[q] - lo[q] + 1
        }
        lower = lo
        upper = hi
        offset = offsets
        tableSize = start
    }

    /// The likelihood of a fit's condensed rows.
    init(_ data: FitData, threads: Int) {
        self.init(x: data.x, tx: data.tx, T: data.T, w: data.w, frequencyIndex: data.frequencyIndex,
                  frequencies: data.frequencies, threads: threads)
    }

    /// Whether the shared tables are smaller than the per-row work they replace.
    var isWorthwhile: Bool { tableSize <= max(4 * x.count, 250_000) }

    /// Σ wᵢ ln Lᵢ at (r, α, s, β) in the rows' time unit.
    func logLikelihood(r: Double, alpha: Double, s: Double, beta: Double) -> Double {
        let cells = max(times.count - 1, 0)
        let m = min(alpha, beta)
        let gapA = alpha - m, gapB = beta - m
        // Logs at the grid times (for the "alive at T" term) and at every cell's 8 nodes in
        // u = ln(m + τ); the nodes do not depend on the frequency.
        let (u, nodeU, nodeA, nodeB, logA, logB) = { () -> ([Double], [Double], [Double], [Double], [Double], [Double]) in
            var logA = [Double](repeating: 0, count: times.count)
            var logB = [Double](repeating: 0, count: times.count)
            var u = [Double](repeating: 0, count: times.count)
            for k in 0..<times.count {
                logA[k] = log(alpha + times[k])
                logB[k] = log(beta + times[k])
                u[k] = log(m + times[k])
            }
            var nodeU = [Double](repeating: 0, count: cells * 8)
            var nodeA = [Double](repeating: 0, count: cells * 8)
            var nodeB = [Double](repeating: 0, count: cells * 8)
            let n = ParetoNBDIntegral.nodes
            for k in 0..<cells {
                let mid = (u[k] + u[k + 1]) / 2, half = (u[k + 1] - u[k]) / 2
                let points = [mid - half * n.0, mid + half * n.0, mid - half * n.1, mid + half * n.1,
                              mid - half * n.2, mid + half * n.2, mid - half * n.3, mid + half * n.3]
                for j in 0..<8 {
                    let e = exp(-points[j])
                    nodeU[k * 8 + j] = points[j]
                    nodeA[k * 8 + j] = points[j] + log1p(gapA * e)
                    nodeB[k * 8 + j] = points[j] + log1p(gapB * e)
                }
            }

            return (u, nodeU, nodeA, nodeB, logA, logB)
        }()

        // Tail integrals per frequency.
        var table = [Double](repeating: -.infinity, count: tableSize)
        let q1 = s + 1
        table.withUnsafeMutableBufferPointer { out in
            let shared = SharedBuffer(pointer: out)
            parallel(frequencies.count, threads: frequencies.count > 1 && tableSize > 20_000 ? threads : 1) { f in
                let p = r + frequencies[f]
                let base = offset[f] - lower[f]
                let w = ParetoNBDIntegral.weights
                var tail = -Double.infinity
                var k = upper[f] - 1
                while k >= lower[f] {
                    let du = u[k + 1] - u[k]
                    var cell: Double
                    if ParetoNBDIntegral.pieces(p + q1, du) == 1 {
                        let j = k * 8
                        @inline(__always) func g(_ i: Int) -> Double { nodeU[j + i] - p * nodeA[j + i] - q1 * nodeB[j + i] }
                        let v = (g(0), g(1), g(2), g(3), g(4), g(5), g(6), g(7))
                        let top = max(max(max(v.0, v.1), max(v.2, v.3)), max(max(v.4, v.5), max(v.6, v.7)))
                        var sum = w.0 * (exp(v.0 - top) + exp(v.1 - top))
                        sum += w.1 * (exp(v.2 - top) + exp(v.3 - top))
                        sum += w.2 * (exp(v.4 - top) + exp(v.5 - top))
                        sum += w.3 * (exp(v.6 - top) + exp(v.7 - top))
                        cell = top + log(sum * du / 2)
                    } else {
                        cell = ParetoNBDIntegral.logIntegral(p: p, q: q1, alpha: alpha, beta: beta, from: times[k], to: times[k + 1])
                    }
                    if du == 0 { cell = -.infinity }
                    tail = logAddExp(tail, cell)
                    shared.pointer[base + k] = tail
                    k -= 1
                }
            }
        }

        // Per frequency, the alive term e^{−(r+x) ln(α+T) − s ln(β+T)} and s times the tail
        // integrals as plain numbers in units of e^{c_f}, c_f the largest of them (both decrease
        // in the time index), so a row costs one logarithm: ln L = head + c_f +
        // ln(alive(T) + s·(S(t_x) − S(T))). A frequency whose values span more than e^600 (a very
        // frequent buyer over a long period) keeps the log form.
        let lr = logGamma(r), headConstant = r * log(alpha) + s * log(beta)
        let head = frequencies.map { logGamma(r + $0) - lr + headConstant }
        let logS = log(s)
        var linearAlive = [Double](repeating: 0, count: tableSize)
        var linearDead = [Double](repeating: 0, count: tableSize)
        var reference = [Double](repeating: 0, count: frequencies.count)
        var linear = [Bool](repeating: true, count: frequencies.count)
        for f in 0..<frequencies.count {
            let base = offset[f] - lower[f]
            let p = r + frequencies[f]
            let top = max(-p * logA[lower[f]] - s * logB[lower[f]], logS + table[base + lower[f]])
            reference[f] = top
            if top - (-p * logA[upper[f]] - s * logB[upper[f]]) > 600 { linear[f] = false; continue }
            for k in lower[f]...upper[f] {
                linearAlive[base + k] = exp(-p * logA[k] - s * logB[k] - top)
                linearDead[base + k] = exp(logS + table[base + k] - top)
            }
        }

        // Row sum, in fixed chunks added in order.
        let chunks = (x.count + Self.rowChunk - 1) / Self.rowChunk
        var partial = [Double](repeating: 0, count: chunks)
        let (tableCopy, aliveCopy, deadCopy, referenceCopy, linearCopy) = (table, linearAlive, linearDead, reference, linear)
        tableCopy.withUnsafeBufferPointer { tableBuffer in
            let table = ReadBuffer(pointer: tableBuffer)
            partial.withUnsafeMutableBufferPointer { out in
                let shared = SharedBuffer(pointer: out)
                parallel(chunks, threads: chunks > 1 ? threads : 1) { c in
                    var sum = 0.0
                    for i in (c * Self.rowChunk)..<min(x.count, (c + 1) * Self.rowChunk) {
                        let f = Int(frequencyIndex[i]), a = Int(txIndex[i]), b = Int(TIndex[i])
                        let base = offset[f] - lower[f]
                        if linearCopy[f] {
                            let value = aliveCopy[base + b] + (deadCopy[base + a] - deadCopy[base + b])
                            sum += w[i] * (head[f] + referenceCopy[f] + log(value))
                        } else {
                            let s1 = table.pointer[base + a], s2 = table.pointer[base + b]
                            let dead = s1 > s2 ? logS + s1 + log(-expm1(s2 - s1)) : -.infinity
                            let alive = -(r + x[i]) * logA[b] - s * logB[b]
                            sum += w[i] * (head[f] + logAddExp(alive, dead))
                        }
                    }
                    shared.pointer[c] = sum
                }
            }
        }
        return partial.reduce(0, +)
    }

    /// Runs `body(0..<count)` on up to `threads` threads, each index once.
    private func parallel(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        if threads <= 1 || count <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                body(i)
            }
        }
    }
}

/// A buffer that worker threads only read.
private struct ReadBuffer: @unchecked Sendable {
    let pointer: UnsafeBufferPointer<Double>
}

/// A buffer that worker threads write to at disjoint indices.
private struct SharedBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Double>
}
