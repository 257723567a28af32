/// A bulk-output object Storewise cannot turn into a domain value, naming the path of the field:
/// `orders[gid://shopify/Order/5].lineItems[2].quantity: missing`.
public struct GraphQLDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `resource[gid].field[index].field`.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field; self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
