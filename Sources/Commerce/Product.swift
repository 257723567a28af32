import Foundation

/// A product with its variants, from products/create|update webhooks.
public struct Product: Hashable, Sendable, Codable {
    public var id: Int64
    public var title: String
    public var vendor: String?
    public var productType: String?
    public var handle: String?
    /// "active", "draft" or "archived".
    public var status: String?
    public var tags: [String]
    public var createdAt: Date?
    public var updatedAt: Date?
    public var variants: [Variant]

    public init(
        id: Int64, title: String, vendor: String? = nil, productType: String? = nil, handle: String? = nil,
        status: String? = nil, tags: [String] = [], createdAt: Date? = nil, updatedAt: Date? = nil,
        variants: [Variant] = []
    ) {
        self.id = id; self.title = title; self.vendor = vendor; self.productType = productType
        self.handle = handle; self.status = status; self.tags = tags; self.createdAt = createdAt
        self.updatedAt = updatedAt; self.variants = variants
    }
}
