import CNLopt

/// Minimizes a function of several bounded variables with NLopt (derivative-free algorithms).
///
/// The objective is a plain Swift closure; NLopt calls it through a C trampoline. A `Minimizer`
/// is a value: build one per fit, call ``minimize(_:from:)``, read the ``Minimum``.
///
/// ```swift
/// let m = Minimizer(algorithm: .nelderMead, lower: [0, 0], upper: [1, 1])
/// let best = try m.minimize({ x in (x[0] - 0.3) * (x[0] - 0.3) + x[1] * x[1] }, from: [0.5, 0.5])
/// ```
public struct Minimizer: Sendable {
    /// Derivative-free local algorithms from NLopt.
    public enum Algorithm: Sendable {
        /// Nelder-Mead simplex (`NLOPT_LN_NELDERMEAD`), as R's `optim` default.
        case nelderMead
        /// Rowan's subplex (`NLOPT_LN_SBPLX`), a Nelder-Mead variant that is more robust.
        case subplex
        /// Powell's BOBYQA (`NLOPT_LN_BOBYQA`): quadratic models, fast on smooth objectives.
        case bobyqa
        /// Powell's COBYLA (`NLOPT_LN_COBYLA`).
        case cobyla
        /// Limited-memory BFGS (`NLOPT_LD_LBFGS`): needs the gradient, see ``minimize(withGradient:from:)``.
        case lbfgs

        var nlopt: nlopt_algorithm {
            switch self {
            case .lbfgs: NLOPT_LD_LBFGS
            case .nelderMead: NLOPT_LN_NELDERMEAD
            case .subplex: NLOPT_LN_SBPLX
            case .bobyqa: NLOPT_LN_BOBYQA
            case .cobyla: NLOPT_LN_COBYLA
            }
        }
    }

    public var algorithm: Algorithm
    public var lower: [Double]
    public var upper: [Double]
    /// Stop when a step changes every parameter by less than this fraction.
    public var relativeTolerance: Double
    /// Stop when a step changes the objective by less than this (absolute) amount; 0 disables.
    public var absoluteFunctionTolerance: Double
    /// Upper bound on objective evaluations.
    public var maxEvaluations: Int
    /// Initial step per variable; nil lets NLopt choose from the bounds.
    public var initialStep: [Double]?

    public init(
        algorithm: Algorithm = .nelderMead,
        lower: [Double],
        upper: [Double],
        relativeTolerance: Double = 1e-8,
        absoluteFunctionTolerance: Double = 0,
        maxEvaluations: Int = 2_000,
        initialStep: [Double]? = nil
    ) {
        self.algorithm = algorithm
        self.lower = lower
        self.upper = upper
        self.relativeTolerance = relativeTolerance
        self.absoluteFunctionTolerance = absoluteFunctionTolerance
        self.maxEvaluations = maxEvaluations
        self.initialStep = initialStep
    }

    /// Minimizes `objective` starting at `start` (clamped into the bounds).
    ///
    /// A non-finite objective value is treated as `.greatestFiniteMagnitude` so the simplex moves
    /// away from it instead of NLopt stopping with a failure.
    public func minimize(_ objective: ([Double]) -> Double, from start: [Double]) throws -> Minimum {
        try withoutActuallyEscaping(objective) { escapable in
            try run(ObjectiveBox(value: escapable), from: start)
        }
    }

    /// Minimizes `objective(x, &gradient)`, which returns f(x) and writes ∇f(x) into `gradient`
    /// (length n); for the gradient-based algorithms (``Algorithm/lbfgs``), which need far fewer
    /// evaluations than a simplex on smooth likelihoods.
    public func minimize(withGradient objective: ([Double], inout [Double]) -> Double, from start: [Double]) throws -> Minimum {
        try withoutActuallyEscaping(objective) { escapable in
            try run(ObjectiveBox(gradient: escapable), from: start)
        }
    }

    private func run(_ box: ObjectiveBox, from start: [Double]) throws -> Minimum {
        let n = start.count
        guard n > 0, lower.count == n, upper.count == n else {
            throw OptimizationError.dimensionMismatch(start: n, lower: lower.count, upper: upper.count)
        }
        for i in 0..<n where !(lower[i] <= upper[i]) {
            throw OptimizationError.invalidBounds(index: i, lower: lower[i], upper: upper[i])
        }
        guard let opt = nlopt_create(algorithm.nlopt, UInt32(n)) else {
            throw OptimizationError.nloptFailure(code: -1, operation: "nlopt_create")
        }
        defer { nlopt_destroy(opt) }
        let context = Unmanaged.passUnretained(box).toOpaque()
        try check(nlopt_set_lower_bounds(opt, lower), "nlopt_set_lower_bounds")
        try check(nlopt_set_upper_bounds(opt, upper), "nlopt_set_upper_bounds")
        try check(nlopt_set_min_objective(opt, minimizerTrampoline, context), "nlopt_set_min_objective")
        try check(nlopt_set_xtol_rel(opt, relativeTolerance), "nlopt_set_xtol_rel")
        if absoluteFunctionTolerance > 0 {
            try check(nlopt_set_ftol_abs(opt, absoluteFunctionTolerance), "nlopt_set_ftol_abs")
        }
        try check(nlopt_set_maxeval(opt, Int32(clamping: maxEvaluations)), "nlopt_set_maxeval")
        if let initialStep {
            try check(nlopt_set_initial_step(opt, initialStep), "nlopt_set_initial_step")
        }
        var x = zip(start, zip(lower, upper)).map { min(max($0, $1.0), $1.1) }
        var value = 0.0
        let code = nlopt_optimize(opt, &x, &value)
        // Hitting the evaluation cap or a round-off stop still leaves the best point found.
        guard code.rawValue > 0 || code == NLOPT_ROUNDOFF_LIMITED else {
            throw OptimizationError.nloptFailure(code: Int(code.rawValue), operation: "nlopt_optimize")
        }
        return Minimum(x: x, value: value, evaluations: box.evaluations, stoppedAtLimit: code == NLOPT_MAXEVAL_REACHED)
    }

    private func check(_ result: nlopt_result, _ operation: String) throws {
        if result.rawValue < 0 {
            throw OptimizationError.nloptFailure(code: Int(result.rawValue), operation: operation)
        }
    }
}

/// The point NLopt stopped at.
public struct Minimum: Sendable, Equatable {
    public var x: [Double]
    public var value: Double
    public var evaluations: Int
    /// True when the evaluation budget ran out before the tolerances were met.
    public var stoppedAtLimit: Bool
}

/// Holds the Swift objective for the C callback; lives only for one `minimize` call.
private final class ObjectiveBox {
    let value: (([Double]) -> Double)?
    let gradient: (([Double], inout [Double]) -> Double)?
    var evaluations = 0
    init(value: @escaping ([Double]) -> Double) { self.value = value; self.gradient = nil }
    init(gradient: @escaping ([Double], inout [Double]) -> Double) { self.value = nil; self.gradient = gradient }
}

private func minimizerTrampoline(
    _ n: UInt32, _ x: UnsafePointer<Double>?, _ gradient: UnsafeMutablePointer<Double>?, _ data: UnsafeMutableRawPointer?
) -> Double {
    let box = Unmanaged<ObjectiveBox>.fromOpaque(data!).takeUnretainedValue()
    box.evaluations += 1
    let point = Array(UnsafeBufferPointer(start: x, count: Int(n)))
    if let withGradient = box.gradient {
        var g = [Double](repeating: 0, count: Int(n))
        let value = withGradient(point, &g)
        if let gradient { for i in 0..<Int(n) { gradient[i] = g[i] } }
        return value
    }
    let value = box.value?(point) ?? .nan
    return value.isFinite ? value : .greatestFiniteMagnitude
}
