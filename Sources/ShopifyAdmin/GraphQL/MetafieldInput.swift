/// One metafield to set with `metafieldsSet` (Shopify's `MetafieldsSetInput`).
public struct MetafieldInput: Sendable, Hashable, Codable {
    /// The owner's gid (`gid://shopify/Product/1`, `…/Customer/2`, `…/Order/3` …).
    public var ownerID: String
    public var namespace: String
    public var key: String
    /// The value as a string, in the format of `type` (Shopify stores every metafield value as a string).
    public var value: String
    /// A metafield type such as `single_line_text_field`, `number_decimal`, `json`.
    public var type: String

    public init(ownerID: String, namespace: String, key: String, value: String, type: String) {
        self.ownerID = ownerID; self.namespace = namespace; self.key = key; self.value = value; self.type = type
    }

    /// The `MetafieldsSetInput` variable.
    public var variable: JSONValue {
        ["ownerId": .string(ownerID), "namespace": .string(namespace), "key": .string(key), "value": .string(value), "type": .string(type)]
    }
}
