import Foundation
import Optimization

/// Validated, time-scaled and condensed inputs shared by the BG/NBD-family and Pareto/NBD fits.
///
/// Customers with the same (x, t_x, T) are merged into one row whose weight is their total
/// weight, as Fader & Hardie do with their condensed CDNOW data, and the distinct frequencies are
/// listed once so that the log-gamma terms, which depend on x only, are computed per distinct x
/// rather than per customer on every objective evaluation.
struct FitData: Sendable {
    /// Frequency, scaled recency, scaled age and weight of each distinct pattern.
    var x: [Double]
    var tx: [Double]
    var T: [Double]
    var w: [Double]
    /// Index into ``frequencies`` of each pattern's x.
    var frequencyIndex: [Int]
    /// The distinct frequencies.
    var frequencies: [Double]
    /// The distinct scaled times (recencies and ages together) and each pattern's index into them:
    /// ln(α + t) is then taken once per distinct time per evaluation, not twice per pattern
    /// (summaries in days or weeks have a few hundred distinct times for any number of customers).
    var times: [Double]
    var recencyIndex: [Int32]
    var ageIndex: [Int32]
    var totalWeight: Double
    /// Number of customers (input rows), for means that lifetimes takes over customers.
    var customerCount: Int
    /// Times are multiplied by this (10 / max age, as `lifetimes` does) before fitting.
    var scale: Double
    var count: Int { x.count }

    init(_ customers: [RFMSummary], weights: [Double]?, penalizer: Double) throws {
        try RFMSummary.validate(customers)
        guard penalizer.isFinite, penalizer >= 0 else {
            throw CustomerValueError.invalidParameter(name: "penalizer", reason: "must be a finite number ≥ 0, got \(penalizer)")
        }
        if let weights {
            guard weights.count == customers.count else {
                throw CustomerValueError.invalidParameter(name: "weights", reason: "has \(weights.count) values for \(customers.count) customers")
            }
            if let i = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw CustomerValueError.invalidInput(index: i, field: "weight", reason: "must be a finite number ≥ 0, got \(weights[i])")
            }
        }
        var maxAge = 0.0
        for c in customers { maxAge = max(maxAge, c.age) }
        let scale = 10 / maxAge
        self.scale = scale
        customerCount = customers.count

        struct Key: Hashable { var x: UInt64, tx: UInt64, T: UInt64 }
        var row: [Key: Int] = [:]
        row.reserveCapacity(min(customers.count, 1 << 16))
        var xIndex: [UInt64: Int] = [:]
        var timeIndex: [UInt64: Int32] = [:]
        var times: [Double] = []
        func index(of t: Double) -> Int32 {
            if let k = timeIndex[t.bitPattern] { return k }
            let k = Int32(times.count)
            timeIndex[t.bitPattern] = k
            times.append(t)
            return k
        }
        x = []; tx = []; T = []; w = []; frequencyIndex = []; frequencies = []; recencyIndex = []; ageIndex = []
        var total = 0.0
        for (i, c) in customers.enumerated() {
            let weight = weights?[i] ?? 1
            total += weight
            let key = Key(x: c.frequency.bitPattern, tx: c.recency.bitPattern, T: c.age.bitPattern)
            if let r = row[key] {
                w[r] += weight
                continue
            }
            row[key] = x.count
            x.append(c.frequency)
            tx.append(c.recency * scale)
            T.append(c.age * scale)
            recencyIndex.append(index(of: c.recency * scale))
            ageIndex.append(index(of: c.age * scale))
            w.append(weight)
            if let k = xIndex[c.frequency.bitPattern] {
                frequencyIndex.append(k)
            } else {
                xIndex[c.frequency.bitPattern] = frequencies.count
                frequencyIndex.append(frequencies.count)
                frequencies.append(c.frequency)
            }
        }
        guard total > 0 else { throw CustomerValueError.invalidParameter(name: "weights", reason: "sum to 0") }
        totalWeight = total
        self.times = times
    }

    /// ln(α + t) for every distinct time: the per-evaluation table the patterns index.
    @inline(__always)
    func logTimes(_ alpha: Double) -> [Double] {
        times.map { log(alpha + $0) }
    }

    /// `f(x)` for every distinct frequency: the per-evaluation table of x-only terms.
    @inline(__always)
    func table(_ f: (Double) -> Double) -> [Double] {
        frequencies.map(f)
    }

    /// BOBYQA over log-parameters from 0 (all parameters 1), restarted once from the optimum so
    /// an early stop on a flat stretch does not end the search.
    func minimize(_ objective: ([Double]) -> Double, parameters n: Int, model: String) throws -> [Double] {
        let minimizer = Minimizer(
            algorithm: .bobyqa, lower: Array(repeating: -12, count: n), upper: Array(repeating: 12, count: n),
            relativeTolerance: 1e-10, absoluteFunctionTolerance: 1e-13, maxEvaluations: 20_000,
            initialStep: Array(repeating: 0.5, count: n))
        do {
            var best = try minimizer.minimize(objective, from: Array(repeating: 0, count: n))
            let again = try minimizer.minimize(objective, from: best.x)
            if again.value <= best.value { best = again }
            guard best.value.isFinite, best.x.allSatisfy(\.isFinite) else {
                throw CustomerValueError.optimizationFailed(model: model, reason: "no finite likelihood found")
            }
            return best.x
        } catch let error as CustomerValueError {
            throw error
        } catch {
            throw CustomerValueError.optimizationFailed(model: model, reason: String(describing: error))
        }
    }
}
