/// A place stock is held and sold from: a warehouse, a retail store (POS) or the online store.
public struct Location: Hashable, Sendable, Codable {
    /// Shopify's location id. `Location.onlineID` (0) stands for online orders that carry no location.
    public var id: Int64
    public var name: String
    public var isPOS: Bool

    /// The id used for demand of online orders that name no `location_id`.
    public static let onlineID: Int64 = 0

    public init(id: Int64, name: String, isPOS: Bool) {
        self.id = id; self.name = name; self.isPOS = isPOS
    }
}
