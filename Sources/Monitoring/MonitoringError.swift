/// Why a drift or accuracy computation refused its input; each case names the field.
public enum MonitoringError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An option is out of range: the field name and the rule it breaks.
    case invalidOption(field: String, reason: String)
    /// A column has no finite values on one side (`side` is "reference" or "current").
    case emptyColumn(name: String, side: String)
    /// The reference and current columns disagree on numerical vs categorical.
    case typeMismatch(name: String)
    /// A reference column has no current column of the same name.
    case missingColumn(name: String)
    /// The method cannot run on this column type (ks and wasserstein need numbers).
    case methodNotAllowed(name: String, method: DriftMethod)
    /// `dataset` was given no columns.
    case noColumns

    public var description: String {
        switch self {
        case .invalidOption(let field, let reason): "drift option \(field): \(reason)"
        case .emptyColumn(let name, let side): "column \(name): no finite values in the \(side) sample"
        case .typeMismatch(let name): "column \(name): reference and current differ in type (numerical vs categorical)"
        case .missingColumn(let name): "column \(name): missing from the current sample"
        case .methodNotAllowed(let name, let method): "column \(name): method \(method.rawValue) needs numerical values"
        case .noColumns: "columns: no columns to compare"
        }
    }
}
