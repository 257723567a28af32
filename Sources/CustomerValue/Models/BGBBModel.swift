import Foundation

/// The beta-geometric/beta-binomial (BG/BB) model for discrete-time noncontractual settings
/// (Fader, Hardie & Shang 2010, "Customer-Base Analysis in a Discrete-Time Noncontractual Setting",
/// Marketing Science 29(6):1086-1108).
///
/// At each of n transaction opportunities an alive customer transacts with probability p ~ Beta(α, β)
/// and, after each opportunity, dies with probability θ ~ Beta(γ, δ). A history is (x, t_x, n): x
/// transactions in the n opportunities after the first, the last at opportunity t_x (0 when x = 0).
///
/// ```swift
/// let model = try BGBBModel(alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783)
/// let next5 = model.conditionalExpectedTransactions(inNext: 5, frequency: 3, recency: 6, periods: 6)
/// ```
public struct BGBBModel: Sendable, Equatable {
    /// Beta(α, β) heterogeneity of the transaction probability p.
    public var alpha: Double
    public var beta: Double
    /// Beta(γ, δ) heterogeneity of the dropout probability θ.
    public var gamma: Double
    public var delta: Double

    /// A model with the given parameters; each must be finite and > 0.
    public init(alpha: Double, beta: Double, gamma: Double, delta: Double) throws {
        for (name, value) in [("alpha", alpha), ("beta", beta), ("gamma", gamma), ("delta", delta)]
        where !(value.isFinite && value > 0) {
            throw CustomerValueError.invalidParameter(name: name, reason: "must be a finite number > 0, got \(value)")
        }
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.delta = delta
    }

    /// log L(α, β, γ, δ | x, t_x, n) (FHS 2010, eq. 5): alive through all n opportunities, plus the
    /// n − t_x − 1 ways of dying between t_x and n, summed in log space.
    public func logLikelihood(frequency x: Int, recency tx: Int, periods n: Int) -> Double {
        Self.logLikelihood(alpha, beta, gamma, delta, x: Double(x), tx: tx, n: n)
    }

    /// P(X(n) = x) (FHS 2010, eq. 7): the probability of x transactions in the first n opportunities.
    /// lifetimes' `expected_number_of_transactions_in_first_n_periods` is this times the customer count.
    public func probabilityOfTransactions(_ x: Int, inFirst n: Int) -> Double {
        guard x >= 0, x <= n else { return 0 }
        let xd = Double(x), nd = Double(n)
        let lab = Self.logBeta(alpha, beta), lgd = Self.logBeta(gamma, delta)
        var total = exp(Self.logChoose(nd, xd) + Self.logBeta(alpha + xd, beta + nd - xd) - lab
            + Self.logBeta(gamma, delta + nd) - lgd)
        if x < n {
            for i in x..<n {
                let id = Double(i)
                let binomial: Double = Self.logChoose(id, xd)
                let purchases: Double = Self.logBeta(alpha + xd, beta + id - xd) - lab
                let dropout: Double = Self.logBeta(gamma + 1, delta + id) - lgd
                total += exp(binomial + purchases + dropout)
            }
        }
        return total
    }

    /// E[X(n)] (FHS 2010, eq. 8): expected transactions in the first n opportunities,
    /// α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(γ+δ+n)Γ(1+δ))].
    public func expectedTransactions(inFirst n: Double) -> Double {
        if abs(gamma - 1) < Self.removableGap {
            return Self.acrossGammaOne(gamma) { g in
                var shifted = self
                shifted.gamma = g
                return shifted.expectedTransactions(inFirst: n)
            }
        }
        let ratio: Double = lgamma(gamma + delta) + lgamma(1 + delta + n) - lgamma(gamma + delta + n) - lgamma(1 + delta)
        return alpha / (alpha + beta) * delta / (gamma - 1) * (1 - exp(ratio))
    }

    /// E[X(n, n + n*) | x, t_x, n] (FHS 2010, eq. 13): expected transactions in the next `future`
    /// opportunities of a customer with history (x, t_x, n).
    public func conditionalExpectedTransactions(inNext future: Double, frequency x: Int, recency tx: Int, periods n: Int) -> Double {
        if abs(gamma - 1) < Self.removableGap {
            return Self.acrossGammaOne(gamma) { g in
                var shifted = self
                shifted.gamma = g
                return shifted.conditionalExpectedTransactions(inNext: future, frequency: x, recency: tx, periods: n)
            }
        }
        let xd = Double(x), nd = Double(n)
        let logL = logLikelihood(frequency: x, recency: tx, periods: n)
        let purchase: Double = Self.logBeta(alpha + xd + 1, beta + nd - xd) - Self.logBeta(alpha, beta)
        let scale: Double = lgamma(gamma + delta) - lgamma(1 + delta)
        let now: Double = lgamma(1 + delta + nd) - lgamma(gamma + delta + nd)
        let later: Double = lgamma(1 + delta + nd + future) - lgamma(gamma + delta + nd + future)
        return exp(purchase + scale - logL) * delta / (gamma - 1) * (exp(now) - exp(later))
    }

    /// P(alive at opportunity n + m | x, t_x, n) (FHS 2010, eq. 11 for m = 1; lifetimes'
    /// `conditional_probability_alive` generalizes it to m opportunities ahead).
    public func probabilityAlive(frequency x: Int, recency tx: Int, periods n: Int, ahead m: Int = 1) -> Double {
        let xd = Double(x), nd = Double(n), md = Double(m)
        let alive: Double = Self.logBeta(alpha + xd, beta + nd - xd) - Self.logBeta(alpha, beta)
            + Self.logBeta(gamma, delta + nd + md) - Self.logBeta(gamma, delta)
        return exp(alive - logLikelihood(frequency: x, recency: tx, periods: n))
    }

    // MARK: - Special functions

    /// Eq. 8 and 13 divide by γ − 1 a bracket that vanishes at γ = 1; the singularity is removable,
    /// so near it they are evaluated on both sides and interpolated linearly.
    static let removableGap = 1e-6

    static func acrossGammaOne(_ gamma: Double, _ f: (Double) -> Double) -> Double {
        let lo = 1 - 2 * removableGap, hi = 1 + 2 * removableGap
        let weight = (gamma - lo) / (hi - lo)
        return (1 - weight) * f(lo) + weight * f(hi)
    }

    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let sum: Double = lgamma(a) + lgamma(b)
        return sum - lgamma(a + b)
    }

    static func logChoose(_ n: Double, _ k: Double) -> Double {
        let top: Double = lgamma(n + 1)
        return top - lgamma(k + 1) - lgamma(n - k + 1)
    }

    /// Eq. 5 on raw parameters, shared by the model and the fit's objective.
    static func logLikelihood(_ a: Double, _ b: Double, _ g: Double, _ d: Double, x: Double, tx: Int, n: Int) -> Double {
        let nd = Double(n)
        let lab = logBeta(a, b), lgd = logBeta(g, d)
        let first: Double = logBeta(a + x, b + nd - x) - lab + logBeta(g, d + nd) - lgd
        var top = first
        var terms: [Double] = [first]
        let dyingTerms = n - tx
        if dyingTerms > 0 {
            terms.reserveCapacity(dyingTerms + 1)
            for i in 0..<dyingTerms {
                let id = Double(i), txd = Double(tx)
                let purchases: Double = logBeta(a + x, b + txd - x + id) - lab
                let term: Double = purchases + logBeta(g + 1, d + txd + id) - lgd
                terms.append(term)
                top = max(top, term)
            }
        }
        var sum = 0.0
        for t in terms { sum += exp(t - top) }
        return top + log(sum)
    }
}
