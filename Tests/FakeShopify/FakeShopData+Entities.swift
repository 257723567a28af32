import Commerce
import Foundation
import ShopifyAdmin

/// Renders stored entities as their Admin GraphQL types.
extension FakeShopData {
    // MARK: - Order

    func render(_ order: Order) -> FakeObject {
        let data = self
        let gid = FakeFormat.gid("Order", order.id)
        return FakeObject("Order") { name, arguments in
            switch name {
            case "id": .string(gid)
            case "legacyResourceId": .string(String(order.id))
            case "name": .string(order.name)
            case "number": .int(order.orderNumber)
            case "email": .string(order.email)
            case "phone": .string(order.phone)
            case "createdAt": data.date(order.createdAt)
            case "updatedAt": data.date(order.updatedAt)
            case "processedAt": data.date(order.processedAt ?? order.createdAt)
            case "cancelledAt": data.date(order.cancelledAt)
            case "cancelReason": .string(order.cancelReason?.uppercased())
            case "closed": .bool(false)
            case "confirmed": .bool(true)
            case "test": .bool(order.test)
            case "note": .null
            case "currencyCode": .string(order.currency)
            case "presentmentCurrencyCode": .string(order.presentmentCurrency ?? order.currency)
            case "displayFinancialStatus": .string(Self.financialStatus(order.financialStatus))
            case "displayFulfillmentStatus": .string(Self.fulfillmentStatus(order.fulfillmentStatus))
            case "fullyPaid": .bool(order.financialStatus == "paid")
            case "tags": .strings(order.tags)
            case "sourceName": .string(order.channel.name == "mobile_app" ? "iphone" : order.channel.name)
            case "customer": order.customer.map { .object(data.render(data.customers[$0.id] ?? $0)) } ?? .null
            case "lineItems":
                .connection(FakeConnection(typename: "LineItemConnection", count: order.lineItems.count,
                                           node: { data.render(order.lineItems[$0], order: order, index: $0) },
                                           id: { order.lineItems[$0].id ?? (order.id * 1000 + Int64($0)) }))
            case "totalPriceSet", "currentTotalPriceSet": data.moneyBag(order.totalPrice)
            case "subtotalPriceSet", "currentSubtotalPriceSet": data.moneyBag(order.subtotalPrice)
            case "totalDiscountsSet", "currentTotalDiscountsSet": data.moneyBag(order.totalDiscounts)
            case "cartDiscountAmountSet":
                // Order-level discounts: the total less what the lines carry themselves.
                data.moneyBag(Money(minorUnits: max(0, order.totalDiscounts.minorUnits - order.lineItems.reduce(0) { $0 + $1.totalDiscount.minorUnits }),
                                    currency: order.currency))
            case "totalTaxSet", "currentTotalTaxSet": data.moneyBag(order.totalTax)
            case "totalRefundedSet":
                data.moneyBag(Money(minorUnits: order.refunds.compactMap(\.amount).reduce(0) { $0 + $1.minorUnits }, currency: order.currency))
            case "billingAddress": data.render(order.billingAddress)
            case "shippingAddress": data.render(order.shippingAddress)
            case "discountCodes": .strings(order.discountCodes.map(\.code))
            case "discountCode": .string(order.discountCodes.first?.code)
            case "clientIp": .string(order.browserIP)
            case "retailLocation", "physicalLocation":
                order.locationID.flatMap { data.locations[$0] }.map { .object(data.render($0)) } ?? .null
            case "refunds": .list(order.refunds.map { .object(data.render($0)) })
            case "risk": .object(data.riskSummary(order.id))
            case "staffMember": order.userID.map { .object(Self.renderStaffMember($0)) } ?? .null
            case "transactions":
                // A plain list (`first` truncates): the checkout's attempts, then each refund's money movement.
                .list(Array(data.transactions(of: order).prefix(arguments["first"]?.int.map { Int($0) } ?? .max)).map { .object($0) })
            case "shippingLines":
                .connection(FakeConnection(typename: "ShippingLineConnection", count: order.shippingLines.count,
                                           node: { data.render(order.shippingLines[$0], id: Self.shippingLineID(order, $0)) },
                                           id: { Self.shippingLineID(order, $0) }))
            case "discountApplications":
                .connection(FakeConnection(typename: "DiscountApplicationConnection", count: order.discountApplications.count,
                                           node: { data.render(order.discountApplications[$0], index: $0, currency: order.currency) },
                                           id: { Int64($0) }))
            default: data.metafieldField(name, owner: gid, arguments)
            }
        }
    }

    static func financialStatus(_ status: String?) -> String { (status ?? "pending").uppercased() }

    static func fulfillmentStatus(_ status: String?) -> String {
        switch status {
        case nil, "unfulfilled": "UNFULFILLED"
        case "partial": "PARTIALLY_FULFILLED"
        case "fulfilled": "FULFILLED"
        case "restocked": "RESTOCKED"
        case let other?: other.uppercased()
        }
    }

    func riskSummary(_ orderID: Int64) -> FakeObject {
        let assessments = risks[orderID] ?? []
        let levels = assessments.map(\.riskLevel)
        let recommendation = levels.contains("HIGH") ? "CANCEL" : levels.contains("MEDIUM") ? "INVESTIGATE" : assessments.isEmpty ? "NONE" : "ACCEPT"
        return .fields("OrderRiskSummary", [
            "assessments": .list(assessments.map { .object(render($0)) }),
            "recommendation": .string(recommendation),
        ])
    }

    func render(_ assessment: FakeRiskAssessment) -> FakeObject {
        .fields("OrderRiskAssessment", [
            "riskLevel": .string(assessment.riskLevel),
            "facts": .list(assessment.facts.map { .object(.fields("RiskFact", ["sentiment": .string($0.sentiment), "description": .string($0.description)])) }),
            // Assessments made through the API belong to the app that made them (Shopify's own have none).
            "provider": .object(.fields("App", ["id": .string(FakeFormat.gid("App", 1)), "title": .string("Storewise"),
                                                "handle": .string("storewise")])),
        ])
    }

    func render(_ refund: Refund) -> FakeObject {
        .fields("Refund", [
            "id": .string(FakeFormat.gid("Refund", refund.id)), "legacyResourceId": .string(String(refund.id)),
            "createdAt": date(refund.createdAt), "processedAt": date(refund.processedAt ?? refund.createdAt), "note": .string(refund.note),
            "totalRefundedSet": refund.amount.map(moneyBag) ?? .null,
            "staffMember": refund.userID.map { .object(Self.renderStaffMember($0)) } ?? .null,
        ])
    }

    func render(_ item: LineItem, order: Order, index: Int) -> FakeObject {
        let data = self
        let id = item.id ?? (order.id * 1000 + Int64(index))
        return FakeObject("LineItem") { name, _ in
            switch name {
            case "id": .string(FakeFormat.gid("LineItem", id))
            case "name": .string(item.variantTitle.map { "\(item.title) - \($0)" } ?? item.title)
            case "title": .string(item.title)
            case "variantTitle": .string(item.variantTitle)
            case "sku": .string(item.sku)
            case "vendor": .string(item.vendor)
            case "quantity", "currentQuantity": .int(item.quantity)
            case "isGiftCard": .bool(item.isGiftCard)
            case "requiresShipping": .bool(!item.isGiftCard)
            case "taxable": .bool(true)
            case "originalUnitPriceSet", "discountedUnitPriceSet": data.moneyBag(item.price)
            case "totalDiscountSet": data.moneyBag(item.totalDiscount)
            case "originalTotalSet": data.moneyBag(Money(minorUnits: item.price.minorUnits * Int64(item.quantity), currency: item.price.currency))
            case "discountedTotalSet": data.moneyBag(item.netRevenue)
            case "product":
                item.productID.map { productID in
                    .object(data.products[productID].map(data.render) ?? .fields("Product", ["id": .string(FakeFormat.gid("Product", productID))]))
                } ?? .null
            case "variant":
                item.variantID.map { variantID in
                    .object(data.variant(variantID).map(data.render) ?? .fields("ProductVariant", ["id": .string(FakeFormat.gid("ProductVariant", variantID))]))
                } ?? .null
            default: nil
            }
        }
    }

    // MARK: - Customer

    func render(_ customer: Customer, stats: (orders: Int, spent: Int64)? = nil) -> FakeObject {
        let data = self
        // Counting a customer's orders scans every order: only when numberOfOrders or amountSpent is
        // asked for, or a bulk export of orders with their customers turns quadratic.
        let given = stats
        let lazyStats: @Sendable () -> (orders: Int, spent: Int64) = { given ?? data.customerStats()[customer.id] ?? (0, 0) }
        let gid = FakeFormat.gid("Customer", customer.id)
        return FakeObject("Customer") { name, arguments in
            switch name {
            case "id": .string(gid)
            case "legacyResourceId": .string(String(customer.id))
            case "email": .string(customer.email)
            case "phone": .string(customer.phone)
            case "firstName": .string(customer.firstName)
            case "lastName": .string(customer.lastName)
            case "displayName":
                .string([customer.firstName, customer.lastName].compactMap { $0 }.joined(separator: " ").nonEmpty ?? customer.email ?? "")
            case "state": .string((customer.state ?? "disabled").uppercased())
            case "tags": .strings(customer.tags)
            case "createdAt": data.date(customer.createdAt)
            case "updatedAt": data.date(customer.updatedAt ?? customer.createdAt)
            case "note": .null
            case "locale": .string("en")
            case "verifiedEmail": .bool(customer.email != nil)
            case "taxExempt": .bool(false)
            case "defaultAddress": data.render(customer.defaultAddress)
            case "defaultEmailAddress":
                customer.email.map { email in
                    .object(.fields("CustomerEmailAddress", [
                        "emailAddress": .string(email),
                        "marketingState": .string(customer.acceptsEmailMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED"),
                    ]))
                } ?? .null
            case "defaultPhoneNumber":
                customer.phone.map { .object(.fields("CustomerPhoneNumber", ["phoneNumber": .string($0)])) } ?? .null
            case "numberOfOrders": .string(String(lazyStats().orders))
            case "amountSpent": data.moneyV2(Money(minorUnits: lazyStats().spent, currency: customer.currency ?? data.currency))
            case "emailMarketingConsent":
                customer.email == nil ? .null : .object(.fields("CustomerEmailMarketingConsentState", [
                    "marketingState": .string(customer.acceptsEmailMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED"),
                    "marketingOptInLevel": .string("SINGLE_OPT_IN"), "consentUpdatedAt": data.date(customer.updatedAt),
                ]))
            case "smsMarketingConsent":
                customer.phone == nil ? .null : .object(.fields("CustomerSmsMarketingConsentState", [
                    "marketingState": .string(customer.acceptsSMSMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED"),
                    "marketingOptInLevel": .string("SINGLE_OPT_IN"), "consentUpdatedAt": data.date(customer.updatedAt),
                ]))
            default: data.metafieldField(name, owner: gid, arguments)
            }
        }
    }

    // MARK: - Catalog and stock

    func render(_ product: Product) -> FakeObject {
        let data = self
        let gid = FakeFormat.gid("Product", product.id)
        return FakeObject("Product") { name, arguments in
            switch name {
            case "id": .string(gid)
            case "legacyResourceId": .string(String(product.id))
            case "title": .string(product.title)
            case "handle": .string(product.handle ?? product.title.lowercased().replacingOccurrences(of: " ", with: "-"))
            case "vendor": .string(product.vendor)
            case "productType": .string(product.productType ?? "")
            case "status": .string((product.status ?? "active").uppercased())
            case "tags": .strings(product.tags)
            case "createdAt": data.date(product.createdAt)
            case "updatedAt": data.date(product.updatedAt ?? product.createdAt)
            case "totalInventory": .int(product.variants.compactMap(\.inventoryQuantity).reduce(0, +))
            case "variants": .connection(.over("ProductVariantConnection", product.variants, id: \.id) { data.render($0) })
            case "variantsCount": .object(data.count(product.variants.count, limit: nil))
            default: data.metafieldField(name, owner: gid, arguments)
            }
        }
    }

    func render(_ variant: Variant) -> FakeObject {
        let data = self
        let gid = FakeFormat.gid("ProductVariant", variant.id)
        return FakeObject("ProductVariant") { name, arguments in
            switch name {
            case "id": .string(gid)
            case "legacyResourceId": .string(String(variant.id))
            case "title": .string(variant.title)
            case "displayName": .string("\(data.products[variant.productID]?.title ?? "") - \(variant.title)")
            case "sku": .string(variant.sku)
            case "price": .string(FakeFormat.decimal(variant.price))
            case "compareAtPrice": .string(variant.compareAtPrice.map(FakeFormat.decimal))
            case "inventoryQuantity": .int(variant.inventoryQuantity)
            case "createdAt": data.date(variant.createdAt)
            case "updatedAt": data.date(variant.updatedAt ?? variant.createdAt)
            case "product":
                .object(data.products[variant.productID].map(data.render) ?? .fields("Product", ["id": .string(FakeFormat.gid("Product", variant.productID))]))
            case "inventoryItem": variant.inventoryItemID.map { .object(data.renderInventoryItem($0, variant: variant)) } ?? .null
            default: data.metafieldField(name, owner: gid, arguments)
            }
        }
    }

    func renderInventoryItem(_ id: Int64, variant: Variant?) -> FakeObject {
        let data = self
        return FakeObject("InventoryItem") { name, _ in
            switch name {
            case "id": return .string(FakeFormat.gid("InventoryItem", id))
            case "legacyResourceId": return .string(String(id))
            case "sku": return .string(variant?.sku)
            case "tracked": return .bool(true)
            case "requiresShipping": return .bool(true)
            case "unitCost": return .null
            case "variant": return variant.map { .object(data.render($0)) } ?? .null
            case "inventoryLevels":
                let levels = (data.inventory[id] ?? [:]).keys.sorted().map { data.inventory[id]![$0]! }
                return .connection(.over("InventoryLevelConnection", levels, id: \.locationID) { data.render($0) })
            default: return nil
            }
        }
    }

    func render(_ location: Commerce.Location) -> FakeObject {
        let data = self
        let gid = FakeFormat.gid("Location", location.id)
        return FakeObject("Location") { name, arguments in
            switch name {
            case "id": return .string(gid)
            case "legacyResourceId": return .string(String(location.id))
            case "name": return .string(location.name)
            case "isActive": return .bool(true)
            case "fulfillsOnlineOrders", "shipsInventory": return .bool(!location.isPOS)
            case "hasActiveInventory": return .bool(true)
            case "isPrimary": return .bool(data.locationIDs.first == location.id)
            case "inventoryLevels":
                let levels = data.inventory.keys.sorted().compactMap { data.inventory[$0]![location.id] }
                return .connection(.over("InventoryLevelConnection", levels, id: \.inventoryItemID) { data.render($0) })
            default: return data.metafieldField(name, owner: gid, arguments)
            }
        }
    }

    func render(_ level: InventoryLevel) -> FakeObject {
        let data = self
        return FakeObject("InventoryLevel") { name, arguments in
            switch name {
            case "id": return .string("gid://shopify/InventoryLevel/\(level.locationID)?inventory_item_id=\(level.inventoryItemID)")
            case "updatedAt", "createdAt": return data.date(level.updatedAt)
            case "isActive": return .bool(true)
            case "quantities":
                let names = arguments["names"]?.array?.compactMap(\.string) ?? ["available"]
                return .list(names.map { quantityName in
                    let quantity: Int? = ["available", "on_hand"].contains(quantityName) ? level.available ?? 0 : 0
                    return .object(.fields("InventoryQuantity", ["name": .string(quantityName), "quantity": .int(quantity),
                                                                 "updatedAt": data.date(level.updatedAt)]))
                })
            case "item":
                let variant = data.variant(inventoryItem: level.inventoryItemID)
                return .object(data.renderInventoryItem(level.inventoryItemID, variant: variant))
            case "location":
                return .object(data.locations[level.locationID].map(data.render)
                               ?? .fields("Location", ["id": .string(FakeFormat.gid("Location", level.locationID))]))
            default: return nil
            }
        }
    }

    // MARK: - Objects the app creates

    func render(_ draft: FakeDraftOrder) -> FakeObject {
        let data = self
        let gid = FakeFormat.gid("DraftOrder", draft.id)
        return FakeObject("DraftOrder") { name, arguments in
            switch name {
            case "id": .string(gid)
            case "legacyResourceId": .string(String(draft.id))
            case "name": .string(draft.name)
            case "email": .string(draft.email)
            case "note2", "note": .string(draft.note)
            case "tags": .strings(draft.tags)
            case "status": .string("OPEN")
            case "createdAt", "updatedAt": data.date(draft.createdAt)
            case "currencyCode": .string(draft.currencyCode)
            case "invoiceUrl": .string("https://\(data.domain)/invoices/\(draft.id)")
            case "customer": draft.customerID.flatMap { data.customers[$0] }.map { .object(data.render($0)) } ?? .null
            case "totalQuantityOfLineItems": .int(draft.lines.reduce(0) { $0 + $1.quantity })
            case "lineItems":
                .connection(.over("DraftOrderLineItemConnection", draft.lines, id: \.id) { line in
                    .fields("DraftOrderLineItem", [
                        "id": .string(FakeFormat.gid("DraftOrderLineItem", line.id)), "title": .string(line.title), "name": .string(line.title),
                        "sku": .string(line.sku), "quantity": .int(line.quantity),
                        "variant": line.variantID.map { id in .object(data.variant(id).map(data.render) ?? .fields("ProductVariant", ["id": .string(FakeFormat.gid("ProductVariant", id))])) } ?? .null,
                    ])
                })
            default: data.metafieldField(name, owner: gid, arguments)
            }
        }
    }

    func render(_ discount: FakeDiscount) -> FakeObject {
        let data = self
        let basic = FakeObject("DiscountCodeBasic") { name, _ in
            switch name {
            case "title": .string(discount.title)
            case "status": .string(discount.endsAt.map { $0 < Date() } ?? false ? "EXPIRED" : "ACTIVE")
            case "startsAt": data.date(discount.startsAt ?? discount.createdAt)
            case "endsAt": data.date(discount.endsAt)
            case "createdAt", "updatedAt": data.date(discount.createdAt)
            case "usageLimit": .int(discount.usageLimit)
            case "asyncUsageCount": .int(0)
            case "summary", "shortSummary": .string(discount.title)
            case "codes":
                .connection(.over("DiscountRedeemCodeConnection", [discount], id: \.id) { item in
                    .fields("DiscountRedeemCode", ["id": .string(FakeFormat.gid("DiscountRedeemCode", item.id)), "code": .string(item.code),
                                                   "asyncUsageCount": .int(0)])
                })
            case "codesCount": .object(data.count(1, limit: nil))
            default: nil
            }
        }
        let gid = FakeFormat.gid("DiscountCodeNode", discount.id)
        return FakeObject("DiscountCodeNode") { name, arguments in
            switch name {
            case "id": .string(gid)
            case "codeDiscount": .object(basic)
            default: data.metafieldField(name, owner: gid, arguments)
            }
        }
    }

    func render(_ subscription: FakeWebhookSubscription) -> FakeObject {
        let data = self
        return .fields("WebhookSubscription", [
            "id": .string(FakeFormat.gid("WebhookSubscription", subscription.id)), "legacyResourceId": .string(String(subscription.id)),
            "topic": .string(subscription.topicEnum), "uri": .string(subscription.uri), "callbackUrl": .string(subscription.uri),
            "format": .string(subscription.format), "includeFields": .strings([]), "metafieldNamespaces": .strings([]),
            "filter": .null, "name": .null, "apiVersion": .object(.fields("ApiVersion", ["handle": .string(AdminEndpoint.defaultAPIVersion)])),
            "endpoint": .object(.fields("WebhookHttpEndpoint", ["callbackUrl": .string(subscription.uri)])),
            "createdAt": data.date(subscription.createdAt), "updatedAt": data.date(subscription.createdAt),
        ])
    }

    func render(_ operation: FakeBulkOperation, baseURL: String) -> FakeObject {
        .fields("BulkOperation", [
            "id": .string(FakeFormat.gid("BulkOperation", operation.id)), "status": .string(operation.status), "type": .string("QUERY"),
            "errorCode": .string(operation.errorCode), "createdAt": date(operation.createdAt), "completedAt": date(operation.completedAt),
            "objectCount": .string(String(operation.objectCount)), "rootObjectCount": .string(String(operation.rootObjectCount)),
            "fileSize": .string(operation.fileSize.map(String.init)), "url": .string(operation.url), "partialDataUrl": .null,
            "query": .string(operation.query),
        ])
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
