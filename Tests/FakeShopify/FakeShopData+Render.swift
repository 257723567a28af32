import Commerce
import Foundation
import ShopifyAdmin

/// Renders the store as Admin GraphQL objects (2026-04 type and field names).
extension FakeShopData {
    // MARK: - Query root

    /// `QueryRoot`: the read fields the fake answers.
    func queryRoot(bulkOperation: @escaping @Sendable (Int64?) -> FakeBulkOperation?, baseURL: String) -> FakeObject {
        let data = self
        return FakeObject("QueryRoot") { name, arguments in
            switch name {
            case "shop": return .object(data.renderShop())
            case "order": return data.node(arguments["id"]?.string, type: "Order")
            case "customer": return data.node(arguments["id"]?.string, type: "Customer")
            case "product": return data.node(arguments["id"]?.string, type: "Product")
            case "productVariant": return data.node(arguments["id"]?.string, type: "ProductVariant")
            case "location": return data.node(arguments["id"]?.string, type: "Location")
            case "draftOrder": return data.node(arguments["id"]?.string, type: "DraftOrder")
            case "inventoryItem": return data.node(arguments["id"]?.string, type: "InventoryItem")
            case "node": return data.node(arguments["id"]?.string, type: nil)
            case "nodes": return .list((arguments["ids"]?.array ?? []).map { data.node($0.string, type: nil) })
            case "orders": return .connection(data.ordersConnection(arguments))
            case "ordersCount": return .object(data.count(data.ordersConnection(arguments).count, limit: arguments["limit"]?.int))
            case "customers": return .connection(data.customersConnection(arguments))
            case "customersCount": return .object(data.count(data.customersConnection(arguments).count, limit: arguments["limit"]?.int))
            case "products": return .connection(data.productsConnection(arguments))
            case "productsCount": return .object(data.count(data.productsConnection(arguments).count, limit: arguments["limit"]?.int))
            case "productVariants":
                let variants = data.productIDs.flatMap { data.products[$0]!.variants }
                return .connection(.over("ProductVariantConnection", variants, id: \.id) { data.render($0) })
            case "locations":
                let locations = data.locationIDs.map { data.locations[$0]! }
                return .connection(.over("LocationConnection", locations, id: \.id) { data.render($0) })
            case "inventoryItems":
                let variants = data.productIDs.flatMap { data.products[$0]!.variants }.filter { $0.inventoryItemID != nil }
                return .connection(.over("InventoryItemConnection", variants, id: { $0.inventoryItemID! }) { data.renderInventoryItem($0.inventoryItemID!, variant: $0) })
            case "draftOrders":
                let search = FakeSearchQuery(arguments["query"]?.string)
                let drafts = data.draftOrders.filter { draft in
                    search.matches { field in
                        switch field {
                        case "tag": .strings(draft.tags)
                        case "id": .number(draft.id)
                        case "status": .strings(["open"])
                        case "created_at", "updated_at": .date(draft.createdAt)
                        case "email": .strings(draft.email.map { [$0] } ?? [])
                        default: nil
                        }
                    }
                }
                return .connection(.over("DraftOrderConnection", drafts, id: \.id) { data.render($0) })
            case "codeDiscountNodeByCode":
                let code = arguments["code"]?.string?.lowercased()
                return data.discounts.first { $0.code.lowercased() == code }.map { .object(data.render($0)) } ?? .null
            case "webhookSubscriptions":
                var subscriptions = data.subscriptions
                if let topics = arguments["topics"]?.array?.compactMap(\.string) { subscriptions = subscriptions.filter { topics.contains($0.topicEnum) } }
                if let uri = arguments["uri"]?.string ?? arguments["callbackUrl"]?.string { subscriptions = subscriptions.filter { $0.uri == uri } }
                return .connection(.over("WebhookSubscriptionConnection", subscriptions, id: \.id) { data.render($0) })
            case "bulkOperation":
                guard let id = arguments["id"]?.string.flatMap(FakeFormat.parseGID)?.id else { return .null }
                return bulkOperation(id).map { .object(data.render($0, baseURL: baseURL)) } ?? .null
            case "currentBulkOperation":
                return bulkOperation(nil).map { .object(data.render($0, baseURL: baseURL)) } ?? .null
            default: return nil
            }
        }
    }

    /// An object by gid (of `type` when given), or null.
    func node(_ gid: String?, type: String?) -> FakeValue {
        guard let gid, let (kind, id) = FakeFormat.parseGID(gid), type == nil || type == kind else { return .null }
        switch kind {
        case "Order": return orders[id].map { .object(render($0)) } ?? .null
        case "Customer": return customers[id].map { .object(render($0)) } ?? .null
        case "Product": return products[id].map { .object(render($0)) } ?? .null
        case "ProductVariant": return variant(id).map { .object(render($0)) } ?? .null
        case "Location": return locations[id].map { .object(render($0)) } ?? .null
        case "DraftOrder": return draftOrders.first { $0.id == id }.map { .object(render($0)) } ?? .null
        case "InventoryItem":
            let variant = variant(inventoryItem: id)
            return variant.map { .object(renderInventoryItem(id, variant: $0)) } ?? .null
        case "DiscountCodeNode": return discounts.first { $0.id == id }.map { .object(render($0)) } ?? .null
        default: return .null
        }
    }

    // MARK: - Connections with search

    func ordersConnection(_ arguments: FakeArguments) -> FakeConnection {
        let data = self
        let search = FakeSearchQuery(arguments["query"]?.string)
        let sortKey = arguments["sortKey"]?.string
        let base = sortKey == "UPDATED_AT" ? orderIDsByUpdatedAt ?? orderIDs.sorted { (data.orders[$0]!.updatedAt, $0) < (data.orders[$1]!.updatedAt, $1) }
            : orderIDs
        var ids = search.isEmpty ? base : base.filter { id in
            let order = data.orders[id]!
            return search.matches { field in data.searchValue(of: order, field: field) }
        }
        if sortKey == "CREATED_AT" || sortKey == "PROCESSED_AT" {
            ids.sort { (data.orders[$0]!.createdAt, $0) < (data.orders[$1]!.createdAt, $1) }
        }
        let sorted = ids
        return FakeConnection(typename: "OrderConnection", count: sorted.count, node: { data.render(data.orders[sorted[$0]]!) }, id: { sorted[$0] })
    }

    func searchValue(of order: Order, field: String) -> FakeSearchQuery.Value? {
        switch field {
        case "updated_at": .date(order.updatedAt)
        case "created_at": .date(order.createdAt)
        case "processed_at": .date(order.processedAt ?? order.createdAt)
        case "id": .number(order.id)
        case "tag": .strings(order.tags)
        case "tag_not": nil
        case "name": .strings([order.name, String(order.name.drop { $0 == "#" })])
        case "email": .strings(order.email.map { [$0] } ?? [])
        case "financial_status": .strings([order.financialStatus ?? "pending"])
        case "fulfillment_status": .strings([order.fulfillmentStatus ?? "unfulfilled"])
        case "customer_id": .number(order.customer?.id ?? -1)
        case "test": .strings([order.test ? "true" : "false"])
        default: nil
        }
    }

    func customersConnection(_ arguments: FakeArguments) -> FakeConnection {
        let data = self
        let search = FakeSearchQuery(arguments["query"]?.string)
        var ids = search.isEmpty ? customerIDs : customerIDs.filter { id in
            let customer = data.customers[id]!
            return search.matches { field in
                switch field {
                case "updated_at": .date(customer.updatedAt)
                case "created_at": .date(customer.createdAt)
                case "id": .number(customer.id)
                case "tag": .strings(customer.tags)
                case "email": .strings(customer.email.map { [$0] } ?? [])
                default: nil
                }
            }
        }
        if arguments["sortKey"]?.string == "UPDATED_AT" {
            let date = { (id: Int64) in data.customers[id]!.updatedAt ?? data.customers[id]!.createdAt ?? .distantPast }
            ids.sort { (date($0), $0) < (date($1), $1) }
        }
        let stats = data.customerStats()
        let sorted = ids
        return FakeConnection(typename: "CustomerConnection", count: sorted.count,
                              node: { data.render(data.customers[sorted[$0]]!, stats: stats[sorted[$0]]) }, id: { sorted[$0] })
    }

    func productsConnection(_ arguments: FakeArguments) -> FakeConnection {
        let data = self
        let search = FakeSearchQuery(arguments["query"]?.string)
        var ids = search.isEmpty ? productIDs : productIDs.filter { id in
            let product = data.products[id]!
            return search.matches { field in
                switch field {
                case "updated_at": .date(product.updatedAt)
                case "created_at": .date(product.createdAt)
                case "id": .number(product.id)
                case "tag": .strings(product.tags)
                case "vendor": .strings(product.vendor.map { [$0] } ?? [])
                case "status": .strings([product.status ?? "active"])
                default: nil
                }
            }
        }
        if arguments["sortKey"]?.string == "UPDATED_AT" {
            let date = { (id: Int64) in data.products[id]!.updatedAt ?? data.products[id]!.createdAt ?? .distantPast }
            ids.sort { (date($0), $0) < (date($1), $1) }
        }
        let sorted = ids
        return FakeConnection(typename: "ProductConnection", count: sorted.count, node: { data.render(data.products[sorted[$0]]!) }, id: { sorted[$0] })
    }

    /// Orders and money spent per customer, computed once per connection (not per customer: 50,000 orders).
    func customerStats() -> [Int64: (orders: Int, spent: Int64)] {
        if let customerStatsCache { return customerStatsCache }
        var stats: [Int64: (orders: Int, spent: Int64)] = [:]
        for order in orders.values {
            guard let id = order.customer?.id, order.cancelledAt == nil else { continue }
            stats[id, default: (0, 0)].orders += 1
            stats[id, default: (0, 0)].spent += order.totalPrice.minorUnits
        }
        return stats
    }

    func count(_ total: Int, limit: Int64?) -> FakeObject {
        let capped = limit.map { min(Int64(total), $0) } ?? Int64(total)
        let precision = limit.map { Int64(total) > $0 } ?? false ? "AT_LEAST" : "EXACT"
        return .fields("Count", ["count": .scalar(.int(capped)), "precision": .scalar(.string(precision))])
    }

    // MARK: - Shared shapes

    func moneyBag(_ money: Money) -> FakeValue {
        let amount = FakeValue.object(.fields("MoneyV2", ["amount": .string(FakeFormat.decimal(money)), "currencyCode": .string(money.currency)]))
        return .object(.fields("MoneyBag", ["shopMoney": amount, "presentmentMoney": amount]))
    }

    func moneyV2(_ money: Money) -> FakeValue {
        .object(.fields("MoneyV2", ["amount": .string(FakeFormat.decimal(money)), "currencyCode": .string(money.currency)]))
    }

    func date(_ date: Date?) -> FakeValue { .string(date.map(FakeFormat.dateTime)) }

    func render(_ address: Address?) -> FakeValue {
        guard let address else { return .null }
        let name = address.name ?? [address.firstName, address.lastName].compactMap { $0 }.joined(separator: " ")
        return .object(.fields("MailingAddress", [
            "firstName": .string(address.firstName), "lastName": .string(address.lastName), "name": .string(name),
            "company": .string(address.company), "address1": .string(address.address1), "address2": .string(address.address2),
            "city": .string(address.city), "province": .string(address.province), "provinceCode": .string(address.provinceCode),
            "zip": .string(address.zip), "country": .string(address.country), "countryCodeV2": .string(address.countryCode),
            "phone": .string(address.phone),
        ]))
    }

    /// `metafields(namespace:, keys:, first:)` and `metafield(namespace:, key:)` of an owner.
    func metafieldField(_ name: String, owner gid: String, _ arguments: FakeArguments) -> FakeValue? {
        let all = metafields[gid] ?? []
        switch name {
        case "metafields":
            var selected = all
            if let namespace = arguments["namespace"]?.string { selected = selected.filter { $0.namespace == namespace } }
            if let keys = arguments["keys"]?.array?.compactMap(\.string) { selected = selected.filter { keys.contains("\($0.namespace).\($0.key)") } }
            let data = self
            return .connection(.over("MetafieldConnection", selected, id: \.id) { data.render($0) })
        case "metafield":
            let namespace = arguments["namespace"]?.string
            guard let key = arguments["key"]?.string else { return .null }
            let found = all.first { $0.key == key && (namespace == nil || $0.namespace == namespace) }
            return found.map { .object(render($0)) } ?? .null
        default: return nil
        }
    }

    func render(_ metafield: FakeMetafield) -> FakeObject {
        let owner = FakeFormat.parseGID(metafield.ownerID)?.type.uppercased() ?? "SHOP"
        return .fields("Metafield", [
            "id": .string(FakeFormat.gid("Metafield", metafield.id)), "legacyResourceId": .string(String(metafield.id)),
            "namespace": .string(metafield.namespace), "key": .string(metafield.key), "type": .string(metafield.type),
            "value": .string(metafield.value), "ownerType": .string(owner == "PRODUCTVARIANT" ? "PRODUCTVARIANT" : owner),
            "createdAt": date(metafield.createdAt), "updatedAt": date(metafield.updatedAt),
            "compareDigest": .string(String(metafield.value.hashValue, radix: 16)), "description": .null,
        ])
    }

    // MARK: - Shop

    func renderShop() -> FakeObject {
        let data = self
        return FakeObject("Shop") { name, arguments in
            switch name {
            case "id": .string(FakeFormat.gid("Shop", data.shopID))
            case "name": .string(data.shopName)
            case "myshopifyDomain": .string(data.domain)
            case "email", "contactEmail": .string("owner@\(data.domain)")
            case "currencyCode": .string(data.currency)
            case "ianaTimezone": .string(data.timeZone)
            case "timezoneAbbreviation": .string("UTC")
            case "url": .string("https://\(data.domain)")
            case "primaryDomain": .object(.fields("Domain", ["host": .string(data.domain), "url": .string("https://\(data.domain)"),
                                                             "id": .string(FakeFormat.gid("Domain", 1))]))
            case "plan": .object(.fields("ShopPlan", ["displayName": .string("Development"), "partnerDevelopment": .bool(true),
                                                      "shopifyPlus": .bool(false), "publicDisplayName": .string("Development")]))
            case "createdAt", "updatedAt": .string("2024-01-01T00:00:00Z")
            case "taxesIncluded": .bool(false)
            case "weightUnit": .string("KILOGRAMS")
            default: data.metafieldField(name, owner: FakeFormat.gid("Shop", data.shopID), arguments)
            }
        }
    }
}
