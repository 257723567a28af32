import Foundation
import ShopifyAdmin

/// A draft order created with `draftOrderCreate`.
public struct FakeDraftOrder: Sendable, Hashable {
    /// One line: a variant's or a custom line's.
    public struct Line: Sendable, Hashable {
        public var id: Int64
        public var variantID: Int64?
        public var title: String
        public var sku: String?
        public var quantity: Int
        /// The unit price as a decimal string, when given.
        public var unitPrice: String?
    }

    public var id: Int64
    /// "#D1".
    public var name: String
    public var email: String?
    public var customerID: Int64?
    public var note: String?
    public var tags: [String]
    public var lines: [Line]
    public var currencyCode: String
    /// The `input` argument as sent.
    public var input: JSONValue
    public var createdAt: Date
}
