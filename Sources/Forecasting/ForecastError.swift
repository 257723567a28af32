/// Why a forecast could not be made; each case names what is wrong.
public enum ForecastError: Error, Equatable, CustomStringConvertible {
    /// The history has no values.
    case emptySeries
    /// The history is shorter than the model needs.
    case seriesTooShort(model: String, needed: Int, got: Int)
    /// `horizon` must be at least 1.
    case invalidHorizon(Int)
    /// A model parameter is out of its range.
    case invalidParameter(name: String, reason: String)
    /// The history contains NaN or infinity at `index`.
    case nonFiniteValue(index: Int)
    /// The optimizer behind a model failed.
    case optimizationFailed(model: String, reason: String)

    public var description: String {
        switch self {
        case .emptySeries: "the series is empty"
        case let .seriesTooShort(model, needed, got): "\(model) needs at least \(needed) observations, got \(got)"
        case let .invalidHorizon(h): "horizon must be at least 1, got \(h)"
        case let .invalidParameter(name, reason): "\(name): \(reason)"
        case let .nonFiniteValue(index): "y[\(index)] is not a finite number"
        case let .optimizationFailed(model, reason): "\(model): optimization failed: \(reason)"
        }
    }
}

/// Checks shared by every model: non-empty, finite history and a positive horizon.
public func validateInput(_ y: [Double], horizon: Int) throws {
    guard horizon >= 1 else { throw ForecastError.invalidHorizon(horizon) }
    guard !y.isEmpty else { throw ForecastError.emptySeries }
    if let bad = y.firstIndex(where: { !$0.isFinite }) { throw ForecastError.nonFiniteValue(index: bad) }
}
