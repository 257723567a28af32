/// Probes: did an earlier attempt of a non-idempotent mutation land? The action executor asks before
/// sending one again after a crash or an ambiguous failure. (`metafieldsSet` and `tagsAdd` are idempotent
/// and need none.)
extension AdminClient {
    /// Whether the order already has an assessment with this level and exactly these fact descriptions.
    public func riskAssessmentExists(orderID: String, level: String, factDescriptions: [String]) async throws -> Bool {
        let response = try await execute(AdminDocuments.orderRiskAssessments, variables: ["id": .string(orderID)])
        let order = response.data["order"]
        guard !order.isNull else {
            throw AdminError.invalidResponse(operation: AdminDocuments.orderRiskAssessments.name, field: "order", reason: "no order \(orderID)")
        }
        return (order["risk"]["assessments"].array ?? []).contains { assessment in
            assessment["riskLevel"].string == level
                && (assessment["facts"].array ?? []).compactMap { $0["description"].string } == factDescriptions
        }
    }

    /// The id of a draft order carrying `tag` (Storewise tags each draft with its proposal), or nil.
    public func draftOrder(taggedWith tag: String) async throws -> String? {
        // Quoted so a tag with a dash or colon is one term of Shopify's search syntax.
        let response = try await execute(AdminDocuments.draftOrdersByQuery, variables: ["first": 5, "query": .string("tag:'\(tag)'")])
        let nodes = response.data["draftOrders"]["nodes"].array ?? []
        return nodes.first { ($0["tags"].array ?? []).contains(.string(tag)) }?["id"].string
    }

    /// The id of the code discount with this code, or nil.
    public func discountCode(_ code: String) async throws -> String? {
        let response = try await execute(AdminDocuments.codeDiscountNodeByCode, variables: ["code": .string(code)])
        return response.data["codeDiscountNodeByCode"]["id"].string
    }
}
