/// A draft order to create with `draftOrderCreate` (the subset of Shopify's `DraftOrderInput` Storewise uses).
public struct DraftOrderInput: Sendable, Hashable, Codable {
    /// One line: a variant and how many.
    public struct LineItem: Sendable, Hashable, Codable {
        /// `gid://shopify/ProductVariant/…`.
        public var variantID: String
        public var quantity: Int

        public init(variantID: String, quantity: Int) {
            self.variantID = variantID; self.quantity = quantity
        }
    }

    /// `gid://shopify/Customer/…`, or nil for a draft without a customer.
    public var customerID: String?
    public var email: String?
    public var lineItems: [LineItem]
    public var note: String?
    /// Tags; Storewise adds a proposal tag so a probe can find the draft after a crash.
    public var tags: [String]

    public init(customerID: String? = nil, email: String? = nil, lineItems: [LineItem], note: String? = nil, tags: [String] = []) {
        self.customerID = customerID; self.email = email; self.lineItems = lineItems; self.note = note; self.tags = tags
    }

    /// The `DraftOrderInput` variable.
    public var variable: JSONValue {
        var input: [String: JSONValue] = [
            "lineItems": .array(lineItems.map { ["variantId": .string($0.variantID), "quantity": .int(Int64($0.quantity))] }),
            "tags": .array(tags.map(JSONValue.string)),
        ]
        if let customerID { input["customerId"] = .string(customerID) }
        if let email { input["email"] = .string(email) }
        if let note { input["note"] = .string(note) }
        return .object(input)
    }
}
