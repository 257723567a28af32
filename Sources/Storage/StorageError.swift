/// Errors of the storage layer that callers act on.
public enum StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    case duplicateShop(domain: String)
    case unknownShop(id: Int64)
    case invalidDatabaseURL(String)
    /// An alias move or lookup named a version that does not exist or is not ready.
    case unknownModelVersion(shopID: Int64, kind: String, version: Int)
    /// No proposal with that id in that shop.
    case unknownProposal(id: Int64)
    /// A decision named a proposal that is no longer pending (decided, expired or executed).
    case proposalNotPending(id: Int64, status: String)

    public var description: String {
        switch self {
        case .duplicateShop(let domain): "a shop with domain \(domain) already exists"
        case .unknownShop(let id): "no shop with id \(id)"
        case .invalidDatabaseURL(let url): "db.url '\(url)' is not a supported database URL (use sqlite:PATH or a file path)"
        case .unknownModelVersion(let shopID, let kind, let version): "shop \(shopID) has no ready \(kind) version \(version)"
        case .unknownProposal(let id): "no proposal with id \(id)"
        case .proposalNotPending(let id, let status): "proposal \(id) is \(status), not pending"
        }
    }
}
