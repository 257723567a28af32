/// Typed write-back mutations: each sends one `AdminDocuments` mutation, throws `.userErrors` when Shopify
/// refuses the input, and returns what it created.
///
/// None of these is retried after an ambiguous failure (5xx, lost connection): the caller probes
/// (`AdminClient+Probes`) before sending again, so a change is applied once.
extension AdminClient {
    /// Adds a risk assessment to an order. `level` is a `RiskAssessmentResult` (HIGH, MEDIUM, LOW, NONE,
    /// PENDING), each fact's sentiment a `RiskFactSentiment` (POSITIVE, NEUTRAL, NEGATIVE). Returns the
    /// created assessment as Shopify echoes it (an assessment has no id).
    @discardableResult
    public func createRiskAssessment(orderID: String, level: String, facts: [(description: String, sentiment: String)]) async throws -> JSONValue {
        let input: JSONValue = [
            "orderId": .string(orderID), "riskLevel": .string(level),
            "facts": .array(facts.map { ["description": .string($0.description), "sentiment": .string($0.sentiment)] }),
        ]
        let payload = try await mutate(AdminDocuments.orderRiskAssessmentCreate, variables: ["input": input], field: "orderRiskAssessmentCreate")
        return payload["orderRiskAssessment"]
    }

    /// Sets metafields (at most 25 per call, Shopify's limit); returns their ids in input order.
    /// Setting is idempotent: the same value set twice leaves one metafield.
    @discardableResult
    public func setMetafields(_ metafields: [MetafieldInput]) async throws -> [String] {
        let payload = try await mutate(AdminDocuments.metafieldsSet, variables: ["metafields": .array(metafields.map(\.variable))],
                                       field: "metafieldsSet")
        return (payload["metafields"].array ?? []).compactMap { $0["id"].string }
    }

    /// Adds tags to an order, customer, product or draft order (idempotent: a tag present stays once).
    /// Returns the resource's id.
    @discardableResult
    public func addTags(id: String, tags: [String]) async throws -> String {
        let payload = try await mutate(AdminDocuments.tagsAdd, variables: ["id": .string(id), "tags": .array(tags.map(JSONValue.string))],
                                       field: "tagsAdd")
        return payload["node"]["id"].string ?? id
    }

    /// Creates a draft order; returns its id.
    @discardableResult
    public func createDraftOrder(_ input: DraftOrderInput) async throws -> String {
        let payload = try await mutate(AdminDocuments.draftOrderCreate, variables: ["input": input.variable], field: "draftOrderCreate")
        guard let id = payload["draftOrder"]["id"].string else {
            throw AdminError.invalidResponse(operation: AdminDocuments.draftOrderCreate.name, field: "draftOrderCreate.draftOrder.id", reason: "missing")
        }
        return id
    }

    /// Creates an amount-off discount code; returns the discount node's id.
    @discardableResult
    public func createBasicDiscountCode(_ input: BasicDiscountInput) async throws -> String {
        let payload = try await mutate(AdminDocuments.discountCodeBasicCreate, variables: ["basicCodeDiscount": input.variable],
                                       field: "discountCodeBasicCreate")
        guard let id = payload["codeDiscountNode"]["id"].string else {
            throw AdminError.invalidResponse(operation: AdminDocuments.discountCodeBasicCreate.name,
                                             field: "discountCodeBasicCreate.codeDiscountNode.id", reason: "missing")
        }
        return id
    }

    /// Sends a mutation and returns its payload (`data.<field>`), throwing `.userErrors` when there are any.
    public func mutate(_ document: GraphQLDocument, variables: [String: JSONValue], field: String) async throws -> JSONValue {
        let response = try await execute(document, variables: variables)
        let payload = response.data[field]
        guard payload.object != nil else {
            throw AdminError.invalidResponse(operation: document.name, field: field, reason: "missing payload")
        }
        let errors = Self.userErrors(payload["userErrors"])
        if !errors.isEmpty { throw AdminError.userErrors(operation: document.name, errors) }
        return payload
    }

    /// `userErrors` as Shopify sends them (field paths may hold list indices as numbers).
    static func userErrors(_ value: JSONValue) -> [UserError] {
        (value.array ?? []).map { error in
            let field = (error["field"].array ?? []).map { $0.string ?? $0.int.map(String.init) ?? $0.canonicalString() }
            return UserError(field: field, message: error["message"].string ?? "", code: error["code"].string)
        }
    }
}
