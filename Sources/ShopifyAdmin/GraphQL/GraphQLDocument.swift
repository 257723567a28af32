/// One GraphQL document Storewise sends to the Admin API: every one is listed in `AdminDocuments.all`
/// and validated against Shopify's Admin schema in `ShopifyAdminTests`.
public struct GraphQLDocument: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case query
        case mutation
        /// The inner query of `bulkOperationRunQuery` (sent as a string variable, validated as a query).
        case bulkQuery = "bulk-query"
    }

    /// The operation name (also used in logs and the fake's log).
    public var name: String
    public var kind: Kind
    public var text: String

    public init(name: String, kind: Kind, text: String) {
        self.name = name; self.kind = kind; self.text = text
    }
}
