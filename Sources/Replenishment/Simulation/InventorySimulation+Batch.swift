import Dispatch
import Synchronization

extension InventorySimulation {
    /// Runs every rule on every series on `threads` threads and pools the metrics per rule
    /// (result `k` belongs to `rules[k]`).
    ///
    /// Series are independent, so the (series, rule) pairs are handed out one at a time from a
    /// shared counter; each pair's result goes to its own slot and the slots are summed in series
    /// order afterwards, so the numbers do not depend on the thread count. `progress(done, total)`
    /// is called from the worker threads after each pair.
    public func simulate(
        _ series: [SimulationSeries], rules: [any ReplenishmentRule], threads: Int,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> [SimulationMetrics] {
        var pooled = [SimulationMetrics](repeating: SimulationMetrics(), count: rules.count)
        for perRule in try simulateEach(series, rules: rules, threads: threads, progress: progress) {
            for (k, metrics) in perRule.enumerated() { pooled[k].add(metrics) }
        }
        return pooled
    }

    /// Like `simulate(_:rules:threads:progress:)` without pooling: result `[i][k]` is rule `k`
    /// on series `i`, for breakdowns by series or demand class.
    public func simulateEach(
        _ series: [SimulationSeries], rules: [any ReplenishmentRule], threads: Int,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> [[SimulationMetrics]] {
        try validate()
        guard threads >= 1 else { throw ReplenishmentError.invalidParameter(name: "threads", reason: "must be at least 1, got \(threads)") }
        guard !rules.isEmpty else { throw ReplenishmentError.invalidParameter(name: "rules", reason: "is empty") }
        let total = series.count * rules.count
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let slots = Mutex([Result<SimulationMetrics, any Error>?](repeating: nil, count: total))
        let workers = max(1, min(threads, total))
        let simulation = self
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard item < total else { break }
                // Series-major order with the rules interleaved: the slow rule of one series runs
                // beside the fast ones of another, which keeps both threads busy to the end.
                let (s, r) = item.quotientAndRemainder(dividingBy: rules.count)
                let result = Result { () throws -> SimulationMetrics in
                    do {
                        return try simulation.simulate(series[s], rule: rules[r], seriesIndex: s).metrics
                    } catch {
                        throw SimulationFailure(series: series[s].id, rule: rules[r].name, underlying: error)
                    }
                }
                slots.withLock { $0[item] = result }
                progress(done.wrappingAdd(1, ordering: .relaxed).newValue, total)
            }
        }
        var each = [[SimulationMetrics]](repeating: [SimulationMetrics](repeating: SimulationMetrics(), count: rules.count), count: series.count)
        let results = slots.withLock { $0 }
        for item in 0..<total {
            switch results[item] {
            case .success(let metrics)?: each[item / rules.count][item % rules.count] = metrics
            case .failure(let error)?: throw error
            case nil: throw SimulationFailure(series: series[item / rules.count].id, rule: rules[item % rules.count].name, underlying: nil)
            }
        }
        return each
    }
}

/// A rule failed on a series during a batch simulation.
public struct SimulationFailure: Error, CustomStringConvertible {
    public var series: String
    public var rule: String
    public var underlying: (any Error)?

    public var description: String {
        "series \(series), rule \(rule): " + (underlying.map { String(describing: $0) } ?? "no result")
    }
}
