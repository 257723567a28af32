/// Why a replenishment calculation refused its input; each case names the offending field.
public enum ReplenishmentError: Error, Equatable, CustomStringConvertible {
    /// A parameter is out of its range (NaN, a negative mean, a probability outside (0, 1) …).
    case invalidParameter(name: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, reason): "\(name): \(reason)"
        }
    }
}

/// Small validation helpers shared by the replenishment formulas, so every check throws the same
/// error shape with the field's name. Names are autoclosures: a per-day name such as
/// "means[12]" is only built when the check fails, which keeps the hot planning loop free of
/// string work.
enum Check {
    /// A finite number.
    static func finite(_ value: Double, _ name: @autoclosure () -> String) throws {
        guard value.isFinite else { throw ReplenishmentError.invalidParameter(name: name(), reason: "must be a finite number, got \(value)") }
    }

    /// A finite number ≥ 0.
    static func nonNegative(_ value: Double, _ name: @autoclosure () -> String) throws {
        try finite(value, name())
        guard value >= 0 else { throw ReplenishmentError.invalidParameter(name: name(), reason: "must not be negative, got \(value)") }
    }

    /// A finite number > 0.
    static func positive(_ value: Double, _ name: @autoclosure () -> String) throws {
        try finite(value, name())
        guard value > 0 else { throw ReplenishmentError.invalidParameter(name: name(), reason: "must be positive, got \(value)") }
    }

    /// A probability strictly inside (0, 1).
    static func probability(_ value: Double, _ name: @autoclosure () -> String) throws {
        guard value.isFinite, value > 0, value < 1 else {
            throw ReplenishmentError.invalidParameter(name: name(), reason: "must lie strictly between 0 and 1, got \(value)")
        }
    }
}
