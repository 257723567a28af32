import Foundation
import ShopifyAdmin
import Storage

extension ActionExecutor {
    /// Runs a Shopify write-back; returns the remote ids.
    ///
    /// `tagsAdd` and `metafieldsSet` set state (adding a tag twice leaves one tag), so they are simply
    /// sent again on a retry. `orderRiskAssessmentCreate`, `draftOrderCreate` and
    /// `discountCodeBasicCreate` create something each time, so on an attempt after the first
    /// (the earlier one may have been applied and its response lost) the executor first looks for
    /// what it would create and completes without sending when it is there.
    func performShopify(_ type: ActionType, proposal: ActionProposal, payload: JSONValue, lease: ExecutionLease,
                        client: AdminClient) async throws -> JSONValue {
        let retry = lease.attempt > 1
        switch type {
        case .orderRiskAssessment:
            if retry, let found = try await probeRiskAssessment(payload, client: client) { return found }
            let data = try await client.mutate(AdminDocuments.orderRiskAssessmentCreate, variables: ["input": payload],
                                               field: "orderRiskAssessmentCreate")
            return ["orderId": payload["orderId"], "riskLevel": data["orderRiskAssessment"]["riskLevel"]]
        case .metafields:
            let data = try await client.mutate(AdminDocuments.metafieldsSet, variables: ["metafields": payload["metafields"]], field: "metafieldsSet")
            return ["metafieldIds": .array((data["metafields"].array ?? []).map { $0["id"] })]
        case .customerTags:
            let data = try await client.mutate(AdminDocuments.tagsAdd, variables: ["id": payload["id"], "tags": payload["tags"]], field: "tagsAdd")
            return ["id": data["node"]["id"], "tags": payload["tags"]]
        case .draftOrder:
            let marker = Self.draftOrderTag(proposalID: proposal.id)
            if retry, let found = try await probeDraftOrder(marker: marker, client: client) { return found }
            let data = try await client.mutate(AdminDocuments.draftOrderCreate, variables: ["input": Self.draftOrderInput(payload, marker: marker)],
                                               field: "draftOrderCreate")
            return ["draftOrderId": data["draftOrder"]["id"], "name": data["draftOrder"]["name"], "invoiceUrl": data["draftOrder"]["invoiceUrl"]]
        case .discountCode:
            if retry, let found = try await probeDiscountCode(payload, client: client) { return found }
            let data = try await client.mutate(AdminDocuments.discountCodeBasicCreate, variables: ["basicCodeDiscount": Self.discountInput(payload)],
                                               field: "discountCodeBasicCreate")
            return ["discountId": data["codeDiscountNode"]["id"], "code": payload["code"]]
        case .purchaseOrder, .message:
            throw ActionError.unknownActionType(type.rawValue)
        }
    }

    // MARK: - Inputs

    /// The tag every draft order Storewise creates carries, so a retry can find it.
    static func draftOrderTag(proposalID: Int64) -> String { "storewise-proposal-\(proposalID)" }

    static func draftOrderInput(_ payload: JSONValue, marker: String) -> JSONValue {
        var input: [String: JSONValue] = ["lineItems": payload["lineItems"]]
        for key in ["customerId", "email", "note"] where !payload[key].isNull { input[key] = payload[key] }
        let tags = (payload["tags"].array ?? []).filter { $0.string != marker }
        input["tags"] = .array(tags + [.string(marker)])
        return .object(input)
    }

    /// `DiscountCodeBasicInput` from the payload: the value (percentage or fixed amount) on all
    /// items, for everyone or the listed customers.
    static func discountInput(_ payload: JSONValue) -> JSONValue {
        var input: [String: JSONValue] = [
            "title": payload["title"], "code": payload["code"], "startsAt": payload["startsAt"],
            "appliesOncePerCustomer": payload["appliesOncePerCustomer"],
        ]
        if !payload["endsAt"].isNull { input["endsAt"] = payload["endsAt"] }
        if !payload["usageLimit"].isNull { input["usageLimit"] = payload["usageLimit"] }
        let value: JSONValue = payload["percentage"].isNull
            ? ["discountAmount": ["amount": payload["amount"], "appliesOnEachItem": false]]
            : ["percentage": payload["percentage"]]
        input["customerGets"] = ["value": value, "items": ["all": true]]
        input["context"] = payload["customerIds"].isNull ? ["all": "ALL"] : ["customers": ["add": payload["customerIds"]]]
        return .object(input)
    }

    // MARK: - Probes

    /// An assessment on the order with the same level and facts: the earlier attempt landed.
    func probeRiskAssessment(_ payload: JSONValue, client: AdminClient) async throws -> JSONValue? {
        let orderID = payload["orderId"].string ?? ""
        let descriptions = (payload["facts"].array ?? []).compactMap { $0["description"].string }
        guard try await client.riskAssessmentExists(orderID: orderID, level: payload["riskLevel"].string ?? "", factDescriptions: descriptions)
        else { return nil }
        logger.info("risk assessment already on the order; not sent again", metadata: ["order": "\(orderID)"])
        return ["orderId": payload["orderId"], "riskLevel": payload["riskLevel"], "alreadyApplied": true]
    }

    /// A draft order carrying this proposal's tag.
    func probeDraftOrder(marker: String, client: AdminClient) async throws -> JSONValue? {
        guard let id = try await client.draftOrder(taggedWith: marker) else { return nil }
        logger.info("draft order already created; not sent again", metadata: ["draftOrder": "\(id)"])
        return ["draftOrderId": .string(id), "alreadyApplied": true]
    }

    /// A code discount with this code and title. (Not `AdminClient.discountCode(_:)`: a merchant's own
    /// discount with the same code must not count as ours, so the title is compared too.)
    func probeDiscountCode(_ payload: JSONValue, client: AdminClient) async throws -> JSONValue? {
        let response = try await client.execute(AdminDocuments.codeDiscountNodeByCode, variables: ["code": payload["code"]])
        let node = response.data["codeDiscountNodeByCode"]
        // Another discount with the same code is not ours: sending lets Shopify refuse it by name.
        guard !node.isNull, node["codeDiscount"]["title"] == payload["title"] else { return nil }
        logger.info("discount code already created; not sent again", metadata: ["discount": "\(node["id"].string ?? "")"])
        return ["discountId": node["id"], "code": payload["code"], "alreadyApplied": true]
    }
}
