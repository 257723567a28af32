import Commerce
import Foundation
import ShopifyAdmin

/// The mutations the fake applies, with Shopify's validation and userErrors shapes.
extension FakeShopState {
    /// Applies one mutation root field; nil for a mutation the fake does not know. `applied` is false
    /// when userErrors refused it.
    func applyMutation(_ name: String, _ arguments: FakeArguments, now: Date) -> (FakeObject, Bool)? {
        switch name {
        case "orderRiskAssessmentCreate": orderRiskAssessmentCreate(arguments["orderRiskAssessmentInput"], now: now)
        case "metafieldsSet": metafieldsSet(arguments["metafields"]?.array ?? [], now: now)
        case "tagsAdd": tagsAdd(id: arguments["id"]?.string, tags: arguments["tags"], now: now)
        case "draftOrderCreate": draftOrderCreate(arguments["input"] ?? .null, now: now)
        case "discountCodeBasicCreate": discountCodeBasicCreate(arguments["basicCodeDiscount"] ?? .null, now: now)
        case "webhookSubscriptionCreate":
            webhookSubscriptionCreate(topic: arguments["topic"]?.string, input: arguments["webhookSubscription"] ?? .null, now: now)
        case "bulkOperationRunQuery": bulkOperationRunQuery(arguments["query"]?.string ?? "", now: now)
        default: nil
        }
    }

    /// A userError object of `typename` (`UserError` has no `code`).
    func userError(_ typename: String, field: [String]?, message: String, code: String? = nil, extra: [String: FakeValue] = [:]) -> FakeValue {
        var fields: [String: FakeValue] = [
            "field": field.map { .strings($0) } ?? .null,
            "message": .string(message),
        ]
        if typename != "UserError" { fields["code"] = .string(code) }
        fields.merge(extra) { $1 }
        return .object(.fields(typename, fields))
    }

    // MARK: - orderRiskAssessmentCreate

    static let riskLevels: Set<String> = ["HIGH", "MEDIUM", "LOW", "NONE", "PENDING"]
    static let sentiments: Set<String> = ["POSITIVE", "NEUTRAL", "NEGATIVE"]

    private func orderRiskAssessmentCreate(_ input: JSONValue?, now: Date) -> (FakeObject, Bool) {
        let typename = "OrderRiskAssessmentCreateUserError"
        let input = input ?? .null
        var errors: [FakeValue] = []
        let orderID = input["orderId"].string.flatMap(FakeFormat.parseGID).flatMap { $0.type == "Order" ? $0.id : nil }
        if orderID.flatMap({ data.orders[$0] }) == nil {
            errors.append(userError(typename, field: ["orderRiskAssessmentInput", "orderId"], message: "Order does not exist.", code: "NOT_FOUND"))
        }
        let level = input["riskLevel"].string ?? ""
        if !Self.riskLevels.contains(level) {
            errors.append(userError(typename, field: ["orderRiskAssessmentInput", "riskLevel"], message: "Risk level is invalid.", code: "INVALID"))
        }
        let facts = input["facts"].array ?? []
        if facts.count > 10 {
            errors.append(userError(typename, field: ["orderRiskAssessmentInput", "facts"], message: "Too many facts (at most 10).", code: "TOO_MANY_FACTS"))
        }
        for (index, fact) in facts.enumerated() {
            if !Self.sentiments.contains(fact["sentiment"].string ?? "") {
                errors.append(userError(typename, field: ["orderRiskAssessmentInput", "facts", String(index), "sentiment"], message: "Sentiment is invalid.", code: "INVALID"))
            }
            let description = fact["description"].string ?? ""
            if description.isEmpty || description.count > 256 {
                errors.append(userError(typename, field: ["orderRiskAssessmentInput", "facts", String(index), "description"],
                                        message: description.isEmpty ? "Description can't be blank." : "Description is too long (maximum is 256 characters).",
                                        code: "INVALID"))
            }
        }
        guard errors.isEmpty, let orderID else {
            return (.fields("OrderRiskAssessmentCreatePayload", ["orderRiskAssessment": .null, "userErrors": .list(errors)]), false)
        }
        let assessment = FakeRiskAssessment(orderID: orderID, riskLevel: level, facts: facts.map {
            FakeRiskAssessment.Fact(sentiment: $0["sentiment"].string ?? "", description: $0["description"].string ?? "")
        }, createdAt: now)
        data.risks[orderID, default: []].append(assessment)
        return (.fields("OrderRiskAssessmentCreatePayload", ["orderRiskAssessment": .object(data.render(assessment)), "userErrors": .list([])]), true)
    }

    // MARK: - metafieldsSet

    /// Whether an owner gid names an object the store holds.
    func ownerExists(_ gid: String) -> Bool {
        guard let (type, id) = FakeFormat.parseGID(gid) else { return false }
        switch type {
        case "Order": return data.orders[id] != nil
        case "Customer": return data.customers[id] != nil
        case "Product": return data.products[id] != nil
        case "ProductVariant": return data.variant(id) != nil
        case "Location": return data.locations[id] != nil
        case "DraftOrder": return data.draftOrders.contains { $0.id == id }
        case "Shop": return id == data.shopID
        case "DiscountCodeNode": return data.discounts.contains { $0.id == id }
        default: return false
        }
    }

    private func metafieldsSet(_ inputs: [JSONValue], now: Date) -> (FakeObject, Bool) {
        let typename = "MetafieldsSetUserError"
        var errors: [FakeValue] = []
        if inputs.count > 25 {
            errors.append(userError(typename, field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO"))
        }
        for (index, input) in inputs.enumerated() {
            let extra: [String: FakeValue] = ["elementIndex": .int(index)]
            let owner = input["ownerId"].string ?? ""
            if !ownerExists(owner) {
                errors.append(userError(typename, field: ["metafields", String(index), "ownerId"], message: "Owner does not exist.", code: "INVALID", extra: extra))
            }
            if (input["key"].string ?? "").isEmpty {
                errors.append(userError(typename, field: ["metafields", String(index), "key"], message: "Key can't be blank.", code: "BLANK", extra: extra))
            }
            if input["value"].string == nil {
                errors.append(userError(typename, field: ["metafields", String(index), "value"], message: "Value can't be blank.", code: "BLANK", extra: extra))
            }
            let namespace = input["namespace"].string ?? "$app"
            let exists = data.metafields[owner]?.contains { $0.namespace == namespace && $0.key == input["key"].string } ?? false
            if input["type"].string == nil, !exists {
                errors.append(userError(typename, field: ["metafields", String(index), "type"], message: "Type can't be blank.", code: "BLANK", extra: extra))
            }
            if let type = input["type"].string, type.hasPrefix("json"), let value = input["value"].string,
               (try? JSONValue.parse(Data(value.utf8))) == nil {
                errors.append(userError(typename, field: ["metafields", String(index), "value"], message: "Value is invalid JSON.", code: "INVALID_VALUE", extra: extra))
            }
        }
        guard errors.isEmpty else {
            return (.fields("MetafieldsSetPayload", ["metafields": .list([]), "userErrors": .list(errors)]), false)
        }
        var written: [FakeMetafield] = []
        for input in inputs {
            let owner = input["ownerId"].string!
            let namespace = input["namespace"].string ?? "$app"
            let key = input["key"].string!
            var list = data.metafields[owner] ?? []
            if let index = list.firstIndex(where: { $0.namespace == namespace && $0.key == key }) {
                list[index].value = input["value"].string!
                if let type = input["type"].string { list[index].type = type }
                list[index].updatedAt = now
                written.append(list[index])
            } else {
                let metafield = FakeMetafield(id: data.makeID(), ownerID: owner, namespace: namespace, key: key, type: input["type"].string!,
                                              value: input["value"].string!, createdAt: now, updatedAt: now)
                list.append(metafield)
                written.append(metafield)
            }
            data.metafields[owner] = list
        }
        return (.fields("MetafieldsSetPayload", ["metafields": .list(written.map { .object(data.render($0)) }), "userErrors": .list([])]), true)
    }

    // MARK: - tagsAdd

    private func tagsAdd(id: String?, tags: JSONValue?, now: Date) -> (FakeObject, Bool) {
        // `tags` is a list; Shopify also splits a single comma-separated string.
        let wanted = (tags?.array?.compactMap(\.string) ?? tags?.string.map { [$0] } ?? [])
            .flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        func merged(_ existing: [String]) -> [String] {
            var result = existing
            for tag in wanted where !result.contains(where: { $0.caseInsensitiveCompare(tag) == .orderedSame }) { result.append(tag) }
            return result
        }
        let failure = FakeObject.fields("TagsAddPayload", ["node": .null, "userErrors": .list([
            userError("UserError", field: ["id"], message: "Resource not found"),
        ])])
        guard let id, let (type, number) = FakeFormat.parseGID(id) else { return (failure, false) }
        let node: FakeObject
        switch type {
        case "Order":
            guard var order = data.orders[number] else { return (failure, false) }
            order.tags = merged(order.tags)
            order.updatedAt = now
            data.orders[number] = order
            node = data.render(order)
            if configuration.deliverUpdateWebhooks { pendingWebhooks.append((.ordersUpdated, ShopifyJSON.encode(order))) }
        case "Customer":
            guard var customer = data.customers[number] else { return (failure, false) }
            customer.tags = merged(customer.tags)
            customer.updatedAt = now
            data.customers[number] = customer
            node = data.render(customer)
            if configuration.deliverUpdateWebhooks { pendingWebhooks.append((.customersUpdate, ShopifyJSON.encode(.customer(customer)))) }
        case "Product":
            guard var product = data.products[number] else { return (failure, false) }
            product.tags = merged(product.tags)
            product.updatedAt = now
            data.products[number] = product
            node = data.render(product)
            if configuration.deliverUpdateWebhooks { pendingWebhooks.append((.productsUpdate, ShopifyJSON.encode(.product(product)))) }
        case "DraftOrder":
            guard let index = data.draftOrders.firstIndex(where: { $0.id == number }) else { return (failure, false) }
            data.draftOrders[index].tags = merged(data.draftOrders[index].tags)
            node = data.render(data.draftOrders[index])
        default:
            return (failure, false)
        }
        return (.fields("TagsAddPayload", ["node": .object(node), "userErrors": .list([])]), true)
    }

    // MARK: - draftOrderCreate

    private func draftOrderCreate(_ input: JSONValue, now: Date) -> (FakeObject, Bool) {
        var errors: [FakeValue] = []
        let items = input["lineItems"].array ?? []
        if items.isEmpty { errors.append(userError("UserError", field: ["lineItems"], message: "Add at least 1 product")) }
        var lines: [FakeDraftOrder.Line] = []
        for (index, item) in items.enumerated() {
            let quantity = Int(item["quantity"].int ?? 0)
            if quantity < 1 {
                errors.append(userError("UserError", field: ["lineItems", String(index), "quantity"], message: "Quantity must be greater than or equal to 1"))
            }
            var variantID: Int64?
            var title = item["title"].string
            var sku = item["sku"].string
            var price = item["originalUnitPriceWithCurrency"]["amount"].string ?? item["originalUnitPrice"].string
            if let gid = item["variantId"].string {
                if let parsed = FakeFormat.parseGID(gid), parsed.type == "ProductVariant", let variant = data.variant(parsed.id) {
                    variantID = variant.id
                    title = title ?? data.products[variant.productID]?.title ?? variant.title
                    sku = sku ?? variant.sku
                    price = price ?? FakeFormat.decimal(variant.price)
                } else {
                    errors.append(userError("UserError", field: ["lineItems", String(index), "variantId"], message: "Product with ID \(gid) is no longer available."))
                }
            } else if title == nil {
                errors.append(userError("UserError", field: ["lineItems", String(index), "title"], message: "Title can't be blank"))
            }
            lines.append(FakeDraftOrder.Line(id: data.makeID(), variantID: variantID, title: title ?? "", sku: sku, quantity: quantity, unitPrice: price))
        }
        let customerID = (input["purchasingEntity"]["customerId"].string ?? input["customerId"].string).flatMap(FakeFormat.parseGID)?.id
        if let customerID, data.customers[customerID] == nil {
            errors.append(userError("UserError", field: ["customerId"], message: "Customer does not exist"))
        }
        guard errors.isEmpty else {
            return (.fields("DraftOrderCreatePayload", ["draftOrder": .null, "userErrors": .list(errors)]), false)
        }
        let draft = FakeDraftOrder(id: data.makeID(), name: "#D\(data.draftOrders.count + 1)", email: input["email"].string, customerID: customerID,
                                   note: input["note"].string, tags: input["tags"].array?.compactMap(\.string) ?? [], lines: lines,
                                   currencyCode: input["presentmentCurrencyCode"].string ?? data.currency, input: input, createdAt: now)
        data.draftOrders.append(draft)
        return (.fields("DraftOrderCreatePayload", ["draftOrder": .object(data.render(draft)), "userErrors": .list([])]), true)
    }

    // MARK: - discountCodeBasicCreate

    private func discountCodeBasicCreate(_ input: JSONValue, now: Date) -> (FakeObject, Bool) {
        let typename = "DiscountUserError"
        var errors: [FakeValue] = []
        let code = input["code"].string ?? ""
        if code.isEmpty {
            errors.append(userError(typename, field: ["basicCodeDiscount", "code"], message: "Code can't be blank", code: "BLANK", extra: ["extraInfo": .null]))
        } else if data.discounts.contains(where: { $0.code.caseInsensitiveCompare(code) == .orderedSame }) {
            errors.append(userError(typename, field: ["basicCodeDiscount", "code"], message: "Code must be unique. Please try a different code.",
                                    code: "TAKEN", extra: ["extraInfo": .null]))
        }
        if (input["title"].string ?? "").isEmpty {
            errors.append(userError(typename, field: ["basicCodeDiscount", "title"], message: "Title can't be blank", code: "BLANK", extra: ["extraInfo": .null]))
        }
        if input["customerGets"].isNull {
            errors.append(userError(typename, field: ["basicCodeDiscount", "customerGets"], message: "Customer gets can't be blank", code: "BLANK", extra: ["extraInfo": .null]))
        }
        let startsAt = input["startsAt"].string.flatMap(FakeFormat.parseDate)
        let endsAt = input["endsAt"].string.flatMap(FakeFormat.parseDate)
        if let startsAt, let endsAt, endsAt < startsAt {
            errors.append(userError(typename, field: ["basicCodeDiscount", "endsAt"], message: "Ends at needs to be after starts_at", code: "INVALID", extra: ["extraInfo": .null]))
        }
        guard errors.isEmpty else {
            return (.fields("DiscountCodeBasicCreatePayload", ["codeDiscountNode": .null, "userErrors": .list(errors)]), false)
        }
        let discount = FakeDiscount(id: data.makeID(), code: code, title: input["title"].string ?? code, startsAt: startsAt, endsAt: endsAt,
                                    usageLimit: input["usageLimit"].int.map(Int.init), input: input, createdAt: now)
        data.discounts.append(discount)
        return (.fields("DiscountCodeBasicCreatePayload", ["codeDiscountNode": .object(data.render(discount)), "userErrors": .list([])]), true)
    }

    // MARK: - webhookSubscriptionCreate

    private func webhookSubscriptionCreate(topic: String?, input: JSONValue, now: Date) -> (FakeObject, Bool) {
        let uri = input["uri"].string ?? input["callbackUrl"].string ?? ""
        var errors: [FakeValue] = []
        if uri.isEmpty {
            errors.append(userError("UserError", field: ["webhookSubscription", "callbackUrl"], message: "Address can't be blank"))
        } else if !(uri.hasPrefix("https://") || uri.hasPrefix("http://") || uri.hasPrefix("pubsub://") || uri.hasPrefix("arn:")) {
            errors.append(userError("UserError", field: ["webhookSubscription", "callbackUrl"], message: "Address is invalid"))
        }
        let topic = topic ?? ""
        if topic.isEmpty || topic != topic.uppercased() {
            errors.append(userError("UserError", field: ["topic"], message: "Topic is invalid"))
        }
        if data.subscriptions.contains(where: { $0.topicEnum == topic && $0.uri == uri }) {
            errors.append(userError("UserError", field: ["webhookSubscription", "callbackUrl"], message: "Address for this topic has already been taken"))
        }
        guard errors.isEmpty else {
            return (.fields("WebhookSubscriptionCreatePayload", ["webhookSubscription": .null, "userErrors": .list(errors)]), false)
        }
        let subscription = FakeWebhookSubscription(id: data.makeID(), topicEnum: topic, topic: FakeWebhookSubscription.topic(forEnum: topic),
                                                   uri: uri, format: input["format"].string ?? "JSON", createdAt: now)
        data.subscriptions.append(subscription)
        return (.fields("WebhookSubscriptionCreatePayload", ["webhookSubscription": .object(data.render(subscription)), "userErrors": .list([])]), true)
    }
}
