import Foundation

/// A metafield written with `metafieldsSet` (or seeded), as tests inspect it.
public struct FakeMetafield: Sendable, Hashable {
    public var id: Int64
    /// The owner's gid ("gid://shopify/Order/1").
    public var ownerID: String
    public var namespace: String
    public var key: String
    public var type: String
    public var value: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64, ownerID: String, namespace: String, key: String, type: String, value: String, createdAt: Date, updatedAt: Date) {
        self.id = id; self.ownerID = ownerID; self.namespace = namespace; self.key = key; self.type = type
        self.value = value; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
