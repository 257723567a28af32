import Foundation
import ShopifyAdmin

/// A basic code discount created with `discountCodeBasicCreate`.
public struct FakeDiscount: Sendable, Hashable {
    /// The `DiscountCodeNode` id.
    public var id: Int64
    public var code: String
    public var title: String
    public var startsAt: Date?
    public var endsAt: Date?
    public var usageLimit: Int?
    /// The `basicCodeDiscount` argument as sent.
    public var input: JSONValue
    public var createdAt: Date
}
