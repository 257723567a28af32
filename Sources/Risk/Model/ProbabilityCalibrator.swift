import Foundation

/// Maps the classifier's raw score to a calibrated probability of fraud.
///
/// Isotonic regression (pool-adjacent-violators) when the calibration set has enough of both
/// classes; Platt scaling (a logistic curve on the score's logit, with Platt's smoothed targets)
/// otherwise — isotonic steps fitted on a handful of frauds would be noise, and Platt's targets
/// keep the fit finite even with one class.
///
/// The isotonic map interpolates linearly between the *centres* of the pooled blocks rather than
/// holding each block flat (scikit-learn holds it flat), so distinct scores keep distinct
/// probabilities inside the fitted range: review-capacity thresholds then cut between orders
/// instead of through a plateau of ties. Outside the range the end values hold.
public struct ProbabilityCalibrator: Sendable, Codable, Hashable {
    public enum Method: String, Sendable, Codable, Hashable { case isotonic, platt, identity }

    public let method: Method
    /// Isotonic knots: block centres (mean score of the block, ascending) and block fraud rates (non-decreasing).
    public let knots: [Double]
    public let values: [Double]
    /// Platt: p = σ(a · logit(s) + b).
    public let a: Double
    public let b: Double

    /// Both classes need at least this many examples for isotonic regression.
    public static let isotonicMinimumPerClass = 10

    /// Returns scores unchanged.
    public static let identity = ProbabilityCalibrator(method: .identity, knots: [], values: [], a: 1, b: 0)

    init(method: Method, knots: [Double], values: [Double], a: Double, b: Double) {
        self.method = method; self.knots = knots; self.values = values; self.a = a; self.b = b
    }

    /// Fits on held-out scores and their labels. Non-finite scores are ignored.
    public static func fit(scores: [Double], labels: [Bool]) -> ProbabilityCalibrator {
        precondition(scores.count == labels.count, "scores and labels differ in length")
        let pairs = zip(scores, labels).filter { $0.0.isFinite }
        let positives = pairs.count(where: { $0.1 })
        if positives >= isotonicMinimumPerClass, pairs.count - positives >= isotonicMinimumPerClass {
            return isotonic(pairs.map(\.0), pairs.map(\.1))
        }
        if pairs.isEmpty { return .identity }
        return platt(pairs.map(\.0), pairs.map(\.1))
    }

    /// Isotonic regression by pool-adjacent-violators; equal scores are pooled first.
    public static func isotonic(_ scores: [Double], _ labels: [Bool]) -> ProbabilityCalibrator {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        // Blocks: (sum of scores, sum of labels, count).
        var blocks: [(x: Double, y: Double, n: Double)] = []
        for i in order {
            let s = scores[i], y: Double = labels[i] ? 1 : 0
            if let last = blocks.last, last.x / last.n == s {
                blocks[blocks.count - 1] = (last.x + s, last.y + y, last.n + 1)
            } else {
                blocks.append((s, y, 1))
            }
            // Pool while the newest block's mean is not above the previous one's.
            while blocks.count >= 2 {
                let u = blocks[blocks.count - 2], v = blocks[blocks.count - 1]
                guard u.y / u.n >= v.y / v.n else { break }
                blocks.removeLast(2)
                blocks.append((u.x + v.x, u.y + v.y, u.n + v.n))
            }
        }
        return ProbabilityCalibrator(method: .isotonic, knots: blocks.map { $0.x / $0.n }, values: blocks.map { $0.y / $0.n }, a: 0, b: 0)
    }

    /// Platt scaling on logit(score) with Platt's targets (N₊+1)/(N₊+2) and 1/(N₋+2), by Newton's
    /// method (Lin, Lin & Weng 2007). The slope is kept ≥ 0 so the map stays non-decreasing.
    public static func platt(_ scores: [Double], _ labels: [Bool]) -> ProbabilityCalibrator {
        let z = scores.map(logit)
        let np = Double(labels.count(where: { $0 })), nn = Double(labels.count) - np
        let tPlus = (np + 1) / (np + 2), tMinus = 1 / (nn + 2)
        let t = labels.map { $0 ? tPlus : tMinus }
        // Cross-entropy against the targets; the minimum is finite thanks to Platt's targets.
        func loss(_ a: Double, _ b: Double) -> Double {
            var l = 0.0
            for i in z.indices {
                let f = a * z[i] + b
                // log(1 + e^f) − t·f, written to stay finite for large |f|.
                l += (f > 0 ? f + log1p(exp(-f)) : log1p(exp(f))) - t[i] * f
            }
            return l
        }
        func fit(slope: Bool) -> (Double, Double) {
            var a = 0.0, b = logit((np + 1) / (np + nn + 2))
            var current = loss(a, b)
            for _ in 0..<100 {
                var g1 = 0.0, g2 = 0.0, h11 = 1e-12, h22 = 1e-12, h21 = 0.0
                for i in z.indices {
                    let p = sigmoid(a * z[i] + b), d = p - t[i], w = p * (1 - p)
                    g1 += d * z[i]; g2 += d
                    h11 += w * z[i] * z[i]; h22 += w; h21 += w * z[i]
                }
                var da = 0.0, db = g2 / h22
                if slope {
                    let det = h11 * h22 - h21 * h21
                    if det > 1e-300 { da = (h22 * g1 - h21 * g2) / det; db = (-h21 * g1 + h11 * g2) / det }
                }
                // Backtracking: halve the Newton step until the loss does not rise.
                var step = 1.0, next = loss(a - da, b - db)
                while next > current + 1e-12, step > 1e-10 {
                    step /= 2
                    next = loss(a - step * da, b - step * db)
                }
                a -= step * da; b -= step * db
                let improvement = current - next
                current = next
                if abs(step * da) < 1e-10, abs(step * db) < 1e-10 { break }
                if improvement >= 0, improvement < 1e-14 * max(1, abs(current)) { break }
            }
            return (a, b)
        }
        var (a, b) = fit(slope: true)
        if !(a >= 0) || !a.isFinite || !b.isFinite { (a, b) = fit(slope: false); a = 0 }
        return ProbabilityCalibrator(method: .platt, knots: [], values: [], a: a, b: b)
    }

    /// The calibrated probability for a raw score; NaN stays NaN.
    public func callAsFunction(_ s: Double) -> Double {
        guard !s.isNaN else { return .nan }
        switch method {
        case .identity:
            return s
        case .platt:
            return Self.sigmoid(a * Self.logit(s) + b)
        case .isotonic:
            guard let first = knots.first, let last = knots.last else { return s }
            if s <= first { return values[0] }
            if s >= last { return values[values.count - 1] }
            // Binary search for the knot interval holding s.
            var lo = 0, hi = knots.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if knots[mid] <= s { lo = mid } else { hi = mid }
            }
            let f = (s - knots[lo]) / (knots[hi] - knots[lo])
            return values[lo] + f * (values[hi] - values[lo])
        }
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// logit of a probability clipped to [1e-7, 1 − 1e-7] so 0 and 1 stay finite.
    static func logit(_ p: Double) -> Double {
        let q = min(max(p, 1e-7), 1 - 1e-7)
        return log(q / (1 - q))
    }
}
