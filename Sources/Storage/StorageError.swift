/// Errors of the storage layer that callers act on.
public enum StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    case duplicateShop(domain: String)
    case unknownShop(id: Int64)
    case invalidDatabaseURL(String)

    public var description: String {
        switch self {
        case .duplicateShop(let domain): "a shop with domain \(domain) already exists"
        case .unknownShop(let id): "no shop with id \(id)"
        case .invalidDatabaseURL(let url): "db.url '\(url)' is not a supported database URL (use sqlite:PATH or a file path)"
        }
    }
}
