import CXGBoost

/// Why a boosting call failed: a parameter or input we rejected, or XGBoost's own error text.
public enum BoostingError: Error, Equatable, CustomStringConvertible {
    /// A parameter is out of its range; `name` is XGBoost's parameter name.
    case invalidParameter(name: String, reason: String)
    /// The input arrays do not match the stated shape; `field` names the array.
    case shapeMismatch(field: String, expected: Int, got: Int)
    /// XGBoost returned an error from `function`; `message` is `XGBGetLastError()`'s text.
    case library(function: String, message: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, reason): "\(name): \(reason)"
        case let .shapeMismatch(field, expected, got): "\(field) has \(got) values, expected \(expected)"
        case let .library(function, message): "\(function): \(message)"
        }
    }

    /// Throws `.library` with XGBoost's last error text when `code` is non-zero.
    ///
    /// XGBoost keeps the last error per thread, so it is read right after the failing call on the
    /// same thread.
    static func check(_ code: Int32, _ function: String) throws {
        guard code != 0 else { return }
        let message = XGBGetLastError().map { String(cString: $0) } ?? "unknown error"
        throw BoostingError.library(function: function, message: message)
    }
}
