/// Errors of the model lifecycle that callers (CLI, API, worker) act on; each names what is wrong.
public enum LifecycleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No model kind of this name is configured.
    case unknownKind(String)
    /// The kind has no champion (nothing was ever promoted).
    case noChampion(kind: String)
    /// Rollback needs a `previous` alias and there is none.
    case noPrevious(kind: String)
    /// No ready version of this number.
    case unknownVersion(kind: String, version: Int)
    case unknownProposal(id: Int64)
    /// The proposal was already approved, rejected or superseded.
    case proposalNotPending(id: Int64)
    /// A training job's payload could not be read.
    case invalidPayload(String)
    /// An option is out of range.
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKind(let name): "no model kind named '\(name)'"
        case .noChampion(let kind): "\(kind) has no champion yet"
        case .noPrevious(let kind): "\(kind) has no previous champion to roll back to"
        case .unknownVersion(let kind, let version): "\(kind) has no ready version \(version)"
        case .unknownProposal(let id): "no promotion proposal \(id)"
        case .proposalNotPending(let id): "promotion proposal \(id) is no longer pending"
        case .invalidPayload(let reason): "invalid training job payload: \(reason)"
        case .invalidOption(let name, let reason): "lifecycle.\(name) \(reason)"
        }
    }
}
