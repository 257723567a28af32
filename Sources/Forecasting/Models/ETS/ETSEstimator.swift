import Foundation
import Optimization

/// Maximum-likelihood estimation of one ETS model as R's `forecast:::etsmodel`: starting values
/// from `initparam` and `initstate`, then Nelder–Mead (NLopt) over the free smoothing parameters
/// and the free initial states jointly, minimizing n·log Σe² (+ 2·Σ log|ŷ|), with bounds "both":
/// a point outside the usual bounds or the admissible region scores +∞.
///
/// Nelder–Mead in 9–13 dimensions often stalls in the flat valleys of the seasonal states;
/// `refine` restarts it from a fitted optimum with a fresh simplex (a standard remedy that R does
/// not apply) and keeps the better point.
struct ETSEstimator {
    /// R's `maxit` default: the evaluation budget of one Nelder–Mead run.
    static let maxEvaluations = 2_000
    /// R's `reltol` for its Nelder–Mead: the simplex stops when its worst and best values differ by
    /// less than reltol·(|f(x₀)| + reltol).
    static let relativeFunctionTolerance = 1.490116119384765625e-8

    let spec: ETSSpec
    /// Season length in the recursions (1 without a season).
    let m: Int
    let fixed: ETSFixedParameters
    let bounds: ETSBounds
    let free: ETSFreeParameters
    /// Starting smoothing parameters; the fixed ones stay at these values.
    let start: ETSParameters

    /// Sets up the problem: R's bounds (narrowed around fixed values) and `initparam` start.
    init(spec: ETSSpec, seasonLength: Int, fixed: ETSFixedParameters) throws {
        let hasTrend = spec.trend != .none, hasSeason = spec.season != .none
        let m = hasSeason ? seasonLength : 1
        var bounds = ETSBounds()
        // R narrows the box around fixed values so the others stay consistent with them.
        if let a = fixed.alpha {
            bounds.upper[1] = min(a, bounds.upper[1])
            bounds.upper[2] = min(1 - a, bounds.upper[2])
        }
        if let b = fixed.beta { bounds.lower[0] = max(b, bounds.lower[0]) }
        if let g = fixed.gamma { bounds.upper[0] = min(1 - g, bounds.upper[0]) }
        let free = ETSFreeParameters(
            alpha: fixed.alpha == nil, beta: hasTrend && fixed.beta == nil,
            gamma: hasSeason && fixed.gamma == nil, phi: spec.damped && fixed.phi == nil)
        let start = Self.startingParameters(fixed: fixed, bounds: bounds, m: m, spec: spec)
        let present = ETSFreeParameters(alpha: true, beta: hasTrend, gamma: hasSeason, phi: spec.damped)
        guard bounds.usual(start, optimizing: present),
              ETSBounds.admissible(start, hasTrend: hasTrend, hasSeason: hasSeason, m: m) else {
            throw ForecastError.invalidParameter(
                name: "alpha/beta/gamma/phi", reason: "the fixed smoothing parameters are outside the admissible range for \(spec)")
        }
        self.spec = spec
        self.m = m
        self.fixed = fixed
        self.bounds = bounds
        self.free = free
        self.start = start
    }

    /// Fits `spec` to `y`. Returns nil when the model has at least n − 1 parameters (R then
    /// reports an infinite AICc and the model cannot be chosen).
    static func fit(
        _ y: [Double], spec: ETSSpec, seasonLength: Int, fixed: ETSFixedParameters = ETSFixedParameters()
    ) throws -> ETSFit? {
        let estimator = try ETSEstimator(spec: spec, seasonLength: seasonLength, fixed: fixed)
        let initial = try ETSInitialState.make(y, trend: spec.trend, season: spec.season, m: estimator.m)
        let x0 = estimator.vector(estimator.start, initial)
        guard x0.count < y.count - 1 else { return nil }
        return try estimator.makeFit(y, estimator.optimize(y, from: x0))
    }

    /// Restarts Nelder–Mead from `fit`'s optimum and returns whichever fit is better.
    static func refine(_ y: [Double], _ fit: ETSFit, fixed: ETSFixedParameters = ETSFixedParameters()) throws -> ETSFit {
        let estimator = try ETSEstimator(spec: fit.spec, seasonLength: fit.seasonLength, fixed: fixed)
        let refined = try estimator.makeFit(y, estimator.optimize(y, from: estimator.vector(fit.parameters, fit.initialState)))
        return refined.logLikelihood > fit.logLikelihood ? refined : fit
    }

    /// The optimizer's vector: free smoothing parameters, level, growth, the first m − 1 seasons.
    func vector(_ p: ETSParameters, _ state: ETSState) -> [Double] {
        var x: [Double] = []
        if free.alpha { x.append(p.alpha) }
        if free.beta { x.append(p.beta) }
        if free.gamma { x.append(p.gamma) }
        if free.phi { x.append(p.phi) }
        x.append(state.level)
        if spec.trend != .none { x.append(state.growth) }
        if spec.season != .none { x.append(contentsOf: state.seasons.prefix(m - 1)) }
        return x
    }

    /// Smoothing parameters from the optimizer's vector, and the index of the level in it.
    @inline(__always)
    func parameters(_ x: [Double]) -> (ETSParameters, Int) {
        var p = start
        var j = 0
        if free.alpha { p.alpha = x[j]; j += 1 }
        if free.beta { p.beta = x[j]; j += 1 }
        if free.gamma { p.gamma = x[j]; j += 1 }
        if free.phi { p.phi = x[j]; j += 1 }
        return (p, j)
    }

    /// The fitted model at the optimizer's vector `x`.
    func makeFit(_ y: [Double], _ x: [Double]) -> ETSFit {
        let (p, j) = parameters(x)
        let hasTrend = spec.trend != .none
        var state = ETSState(level: x[j], growth: hasTrend ? x[j + 1] : 0)
        if spec.season != .none {
            let first = j + (hasTrend ? 2 : 1)
            var seasons = Array(x[first..<(first + m - 1)])
            seasons.append((spec.season == .multiplicative ? Double(m) : 0) - seasons.reduce(0, +))
            state.seasons = seasons
        }
        return ETSFit.make(y, spec: spec, m: m, parameters: p, initial: state, estimated: x.count)
    }

    /// One Nelder–Mead run from `x0`; returns the best vector found.
    func optimize(_ y: [Double], from x0: [Double]) throws -> [Double] {
        let hasTrend = spec.trend != .none, hasSeason = spec.season != .none
        let nFree = free.count
        var lower: [Double] = [], upper: [Double] = []
        let flags = [free.alpha, free.beta, free.gamma, free.phi]
        for i in 0..<4 where flags[i] {
            lower.append(bounds.lower[i])
            upper.append(bounds.upper[i])
        }
        lower.append(contentsOf: repeatElement(-Double.infinity, count: x0.count - nFree))
        upper.append(contentsOf: repeatElement(Double.infinity, count: x0.count - nFree))

        let multiplicativeSeason = spec.season == .multiplicative
        let seasonTotal = multiplicativeSeason ? Double(m) : 0
        let nSeasons = hasSeason ? m : 0
        return try y.withUnsafeBufferPointer { yp in
            let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * max(nSeasons, 1))
            defer { scratch.deallocate() }
            let seasons = UnsafeMutableBufferPointer(rebasing: scratch[0..<nSeasons])
            let ring = UnsafeMutableBufferPointer(rebasing: scratch[nSeasons..<(2 * nSeasons)])

            /// R's etsTargetFunction: unpack, check bounds, add the implied seasonal index, filter.
            func objective(_ x: [Double]) -> Double {
                let (p, j) = parameters(x)
                if !bounds.usual(p, optimizing: free) { return .infinity }
                if !ETSBounds.admissible(p, hasTrend: hasTrend, hasSeason: hasSeason, m: m) { return .infinity }
                if nSeasons > 0 {
                    let first = j + (hasTrend ? 2 : 1)
                    var sum = 0.0
                    for k in 0..<(nSeasons - 1) {
                        let s = x[first + k]
                        seasons[k] = s
                        sum += s
                        if multiplicativeSeason && s < 0 { return .infinity }
                    }
                    let last = seasonTotal - sum
                    if multiplicativeSeason && last < 0 { return .infinity }
                    seasons[nSeasons - 1] = last
                }
                let lik = ETSFilter.likelihood(
                    yp, spec: spec, parameters: p, level: x[j], growth: hasTrend ? x[j + 1] : 0,
                    seasons: UnsafeBufferPointer(seasons), ring: ring)
                return max(lik, -1e10)
            }

            let f0 = objective(x0)
            let ftol = f0.isFinite ? Self.relativeFunctionTolerance * (abs(f0) + Self.relativeFunctionTolerance) : 1e-4
            let minimizer = Minimizer(
                algorithm: .nelderMead, lower: lower, upper: upper, relativeTolerance: 1e-10,
                absoluteFunctionTolerance: ftol, maxEvaluations: Self.maxEvaluations,
                initialStep: Self.initialSteps(x0, nFree: nFree))
            do {
                return try minimizer.minimize(objective, from: x0).x
            } catch {
                throw ForecastError.optimizationFailed(model: "ETS(\(spec))", reason: "\(error)")
            }
        }
    }

    /// R's `initparam`: α a fifth of the way up its range (divided by m), β a tenth of the way
    /// below α, γ 5 % of the way below 1 − α, φ 99 % of the way up; fixed values are kept.
    static func startingParameters(fixed: ETSFixedParameters, bounds: ETSBounds, m: Int, spec: ETSSpec) -> ETSParameters {
        let lo = bounds.lower, up = bounds.upper
        var alpha = fixed.alpha ?? (lo[0] + 0.2 * (up[0] - lo[0]) / Double(m))
        if fixed.alpha == nil, alpha > 1 || alpha < 0 { alpha = lo[0] + 2e-3 }
        var beta = 0.0
        if spec.trend != .none {
            if let b = fixed.beta {
                beta = b
            } else {
                let ub = min(up[1], alpha)
                beta = lo[1] + 0.1 * (ub - lo[1])
                if beta < 0 || beta > alpha { beta = alpha - 1e-3 }
            }
        }
        var gamma = 0.0
        if spec.season != .none {
            if let g = fixed.gamma {
                gamma = g
            } else {
                let ug = min(up[2], 1 - alpha)
                gamma = lo[2] + 0.05 * (ug - lo[2])
                if gamma < 0 || gamma > 1 - alpha { gamma = 1 - alpha - 1e-3 }
            }
        }
        var phi = 1.0
        if spec.damped {
            if let f = fixed.phi {
                phi = f
            } else {
                phi = lo[3] + 0.99 * (up[3] - lo[3])
                if phi < 0 || phi > 1 { phi = up[3] - 1e-3 }
            }
        }
        return ETSParameters(alpha: alpha, beta: beta, gamma: gamma, phi: phi)
    }

    /// The starting simplex: R's Nelder–Mead moves every coordinate by 10 % of the largest
    /// starting value; here the smoothing parameters move by 10 % of the largest of them and
    /// each state by 10 % of the largest state, so a level of 100 does not throw α to its bound.
    static func initialSteps(_ x0: [Double], nFree: Int) -> [Double] {
        let paramScale = x0[0..<nFree].map(abs).max() ?? 0
        let stateScale = x0[nFree...].map(abs).max() ?? 0
        return x0.indices.map { i in
            i < nFree ? max(0.1 * paramScale, 1e-3) : max(0.1 * stateScale, 1e-3)
        }
    }
}
