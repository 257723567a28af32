import Commerce
import FakeShopify
import Foundation
import ShopifyAdmin
import Testing

/// The fake's GraphQL endpoint: auth, wire shapes, projection, and the five write-back mutations.
@Suite("Fake Shopify GraphQL")
struct FakeShopifyGraphQLTests {
    static let day = Date(timeIntervalSince1970: 1_750_000_000)

    static func order(id: Int64 = 1001, tags: [String] = ["vip"]) -> Order {
        let usd = { (cents: Int64) in Money(minorUnits: cents, currency: "USD") }
        return Order(id: id, name: "#\(id)", email: "ada@example.com", createdAt: day, updatedAt: day, currency: "USD", channel: .web,
                     customer: Customer(id: 77, email: "ada@example.com", firstName: "Ada", lastName: "L", tags: ["returning"]),
                     financialStatus: "paid", subtotalPrice: usd(5500), totalPrice: usd(5500), totalDiscounts: usd(0), totalTax: usd(0),
                     lineItems: [LineItem(id: 9, productID: 3, variantID: 4, title: "Mug", quantity: 2, price: usd(2750), totalDiscount: usd(0))],
                     tags: tags)
    }

    static func started() async throws -> FakeShopify {
        let fake = try await FakeShopify.start()
        await fake.seed(orders: [order()])
        return fake
    }

    @Test("401 in Shopify's words without the access token, 404 for an unknown API version")
    func authAndVersion() async throws {
        let fake = try await Self.started()
        let anonymous = try await fake.post(query: "{ shop { name } }", token: "")
        #expect(anonymous.status == 401)
        #expect(anonymous.json["errors"].string == "[API] Invalid API key or access token (unrecognized login or wrong password)")
        let wrong = try await fake.post(query: "{ shop { name } }", token: "shpat_wrong")
        #expect(wrong.status == 401)
        let oldVersion = try await fake.post(query: "{ shop { name } }", version: "2019-01")
        #expect(oldVersion.status == 404)
        await fake.stop()
    }

    @Test("an order query answers exactly the selected fields, aliases and __typename, with the cost extension")
    func projection() async throws {
        let fake = try await Self.started()
        let response = try await fake.post(query: """
            query One($id: ID!) {
              order(id: $id) {
                __typename
                id
                legacyResourceId
                label: name
                createdAt
                displayFinancialStatus
                totalPriceSet { shopMoney { amount currencyCode } }
                customer { id email tags }
                lineItems(first: 5) { nodes { id quantity title } pageInfo { hasNextPage endCursor } }
                ... on Order { tags }
              }
            }
            """, variables: ["id": "gid://shopify/Order/1001"])
        #expect(response.status == 200)
        let order = response.json["data"]["order"]
        #expect(order["__typename"].string == "Order")
        #expect(order["id"].string == "gid://shopify/Order/1001")
        #expect(order["legacyResourceId"].string == "1001")
        #expect(order["label"].string == "#1001")
        #expect(order["name"].isNull) // aliased: only `label` is there
        #expect(order["createdAt"].string == "2025-06-15T15:06:40Z") // 1_750_000_000 s since 1970, hand-converted
        #expect(order["displayFinancialStatus"].string == "PAID")
        // Shopify's Decimal keeps one fractional digit: "55.0" (graphql_cost_example.json).
        #expect(order["totalPriceSet"]["shopMoney"]["amount"].string == "55.0")
        #expect(order["totalPriceSet"]["shopMoney"]["currencyCode"].string == "USD")
        #expect(order["customer"]["id"].string == "gid://shopify/Customer/77")
        #expect(order["lineItems"]["nodes"].array?.count == 1)
        #expect(order["lineItems"]["nodes"].at(0)["quantity"].int == 2)
        #expect(order["lineItems"]["pageInfo"]["hasNextPage"].bool == false)
        #expect(order["tags"].array == ["vip"])
        #expect(order.object?.count == 10)
        // Requested: order 1 + totalPriceSet 1 + shopMoney 1 + customer 1 + lineItems (2 + 5 × 1) = 11.
        // Actual: the same but lineItems returned 1 node: 2 + 1 = 3 → 7.
        let cost = response.json["extensions"]["cost"]
        #expect(cost["requestedQueryCost"].int == 11)
        #expect(cost["actualQueryCost"].int == 7)
        #expect(cost["throttleStatus"]["maximumAvailable"].int == 2000)
        #expect(cost["throttleStatus"]["restoreRate"].int == 100)
        #expect((cost["throttleStatus"]["currentlyAvailable"].int ?? 0) >= 1993)
        await fake.stop()
    }

    @Test("an unknown root field is Shopify's undefinedField error")
    func unknownField() async throws {
        let fake = try await Self.started()
        let response = try await fake.post(query: "{\n  shop { name }\n  ordersGalore { id }\n}")
        let error = response.json["errors"].at(0)
        #expect(error["message"].string == "Field 'ordersGalore' doesn't exist on type 'QueryRoot'")
        #expect(error["extensions"]["code"].string == "undefinedField")
        #expect(error["locations"].at(0)["line"].int == 3)
        #expect(error["path"].array?.last?.string == "ordersGalore")
        await fake.stop()
    }

    @Test("a missing non-null variable is Shopify's invalid-value error; nothing runs")
    func missingVariable() async throws {
        let fake = try await Self.started()
        let response = try await fake.post(query: "query One($id: ID!) { order(id: $id) { id } }", variables: [:])
        let error = response.json["errors"].at(0)
        #expect(error["message"].string == "Variable $id of type ID! was provided invalid value")
        #expect(error["extensions"]["problems"].at(0)["explanation"].string == "Expected value to not be null")
        #expect(response.json["data"].isNull)
        await fake.stop()
    }

    @Test("tagsAdd is idempotent, applied and recorded")
    func tagsAdd() async throws {
        let fake = try await Self.started()
        let mutation = """
            mutation Tag($id: ID!, $tags: [String!]!) {
              tagsAdd(id: $id, tags: $tags) { node { id ... on Order { tags } } userErrors { field message } }
            }
            """
        for _ in 0..<2 {
            let response = try await fake.post(query: mutation, variables: ["id": "gid://shopify/Order/1001", "tags": ["risk:high", "vip"]])
            #expect(response.json["data"]["tagsAdd"]["userErrors"].array == [])
            #expect(response.json["extensions"]["cost"]["requestedQueryCost"].int == 10)
        }
        #expect(await fake.tags(of: "gid://shopify/Order/1001") == ["vip", "risk:high"])
        let missing = try await fake.post(query: mutation, variables: ["id": "gid://shopify/Order/5", "tags": ["x"]])
        #expect(missing.json["data"]["tagsAdd"]["userErrors"].at(0)["field"].array == ["id"])
        let recorded = await fake.recordedMutations(field: "tagsAdd")
        #expect(recorded.map(\.applied) == [true, true, false])
        #expect(recorded[0].arguments["tags"] == ["risk:high", "vip"])
        await fake.stop()
    }

    @Test("orderRiskAssessmentCreate validates the order, the level and the facts")
    func riskAssessment() async throws {
        let fake = try await Self.started()
        let mutation = """
            mutation Risk($input: OrderRiskAssessmentCreateInput!) {
              orderRiskAssessmentCreate(orderRiskAssessmentInput: $input) {
                orderRiskAssessment { riskLevel facts { sentiment description } }
                userErrors { field message code }
              }
            }
            """
        let good: JSONValue = ["input": ["orderId": "gid://shopify/Order/1001", "riskLevel": "HIGH",
                                         "facts": [["sentiment": "NEGATIVE", "description": "Model score 0.91 (v12)"]]]]
        let response = try await fake.post(query: mutation, variables: good)
        #expect(response.json["data"]["orderRiskAssessmentCreate"]["orderRiskAssessment"]["riskLevel"].string == "HIGH")
        #expect(response.json["data"]["orderRiskAssessmentCreate"]["userErrors"].array == [])
        let bad: JSONValue = ["input": ["orderId": "gid://shopify/Order/42", "riskLevel": "HIGH",
                                        "facts": [["sentiment": "NEGATIVE", "description": .string(String(repeating: "x", count: 257))]]]]
        let refused = try await fake.post(query: mutation, variables: bad)
        let errors = refused.json["data"]["orderRiskAssessmentCreate"]["userErrors"].array ?? []
        #expect(errors.map { $0["code"].string } == ["NOT_FOUND", "INVALID"])
        #expect(errors.first?["field"].array == ["orderRiskAssessmentInput", "orderId"])
        #expect(await fake.riskAssessments(orderID: 1001).map(\.riskLevel) == ["HIGH"])
        await fake.stop()
    }

    @Test("metafieldsSet upserts by owner, namespace and key; more than 25 is refused")
    func metafields() async throws {
        let fake = try await Self.started()
        let mutation = """
            mutation Set($metafields: [MetafieldsSetInput!]!) {
              metafieldsSet(metafields: $metafields) { metafields { id key value type } userErrors { field message code elementIndex } }
            }
            """
        let one: JSONValue = ["ownerId": "gid://shopify/Customer/77", "namespace": "storewise", "key": "clv", "type": "number_decimal", "value": "120.5"]
        _ = try await fake.post(query: mutation, variables: ["metafields": [one]])
        var again = one.object!
        again["value"] = "130.0"
        let response = try await fake.post(query: mutation, variables: ["metafields": [.object(again)]])
        #expect(response.json["data"]["metafieldsSet"]["metafields"].at(0)["value"].string == "130.0")
        #expect(await fake.metafields(of: "gid://shopify/Customer/77").map(\.value) == ["130.0"])
        let tooMany = try await fake.post(query: mutation, variables: ["metafields": .array(Array(repeating: one, count: 26))])
        #expect(tooMany.json["data"]["metafieldsSet"]["userErrors"].at(0)["code"].string == "LESS_THAN_OR_EQUAL_TO")
        await fake.stop()
    }

    @Test("draftOrderCreate and discountCodeBasicCreate; a second identical code is TAKEN")
    func draftAndDiscount() async throws {
        let fake = try await Self.started()
        let draft = try await fake.post(query: """
            mutation Draft($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id name lineItems(first: 5) { nodes { title quantity } } } userErrors { field message } } }
            """, variables: ["input": ["email": "ada@example.com", "lineItems": [["title": "Reorder", "quantity": 3, "originalUnitPriceWithCurrency": ["amount": "4.50", "currencyCode": "USD"]]]]])
        #expect(draft.json["data"]["draftOrderCreate"]["draftOrder"]["name"].string == "#D1")
        #expect(draft.json["data"]["draftOrderCreate"]["draftOrder"]["lineItems"]["nodes"].at(0)["quantity"].int == 3)
        let discount = """
            mutation Discount($input: DiscountCodeBasicInput!) {
              discountCodeBasicCreate(basicCodeDiscount: $input) { codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title } } } userErrors { field code message } }
            }
            """
        let input: JSONValue = ["input": ["title": "Come back 10%", "code": "BACK10", "startsAt": "2025-01-01T00:00:00Z",
                                          "customerGets": ["value": ["percentage": 0.1], "items": ["all": true]], "context": ["all": "ALL"]]]
        let first = try await fake.post(query: discount, variables: input)
        #expect(first.json["data"]["discountCodeBasicCreate"]["codeDiscountNode"]["codeDiscount"]["title"].string == "Come back 10%")
        let second = try await fake.post(query: discount, variables: input)
        #expect(second.json["data"]["discountCodeBasicCreate"]["userErrors"].at(0)["code"].string == "TAKEN")
        #expect(second.json["data"]["discountCodeBasicCreate"]["userErrors"].at(0)["field"].array == ["basicCodeDiscount", "code"])
        let lookup = try await fake.post(query: #"{ codeDiscountNodeByCode(code: "back10") { id } }"#)
        #expect(lookup.json["data"]["codeDiscountNodeByCode"]["id"].string?.hasPrefix("gid://shopify/DiscountCodeNode/") == true)
        #expect(await fake.discounts.count == 1)
        #expect(await fake.recordedMutations(field: "discountCodeBasicCreate").map(\.applied) == [true, false])
        await fake.stop()
    }

    @Test("orders pages with first/after and filters with updated_at and tag")
    func pagination() async throws {
        let fake = try await FakeShopify.start()
        await fake.seedSyntheticOrders(count: 25, customers: 5, seed: 1)
        var cursor: JSONValue = .null
        var seen: [String] = []
        for _ in 0..<10 {
            let page = try await fake.post(query: """
                query Page($after: String) { orders(first: 10, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }
                """, variables: ["after": cursor])
            let connection = page.json["data"]["orders"]
            seen += connection["edges"].array?.compactMap { $0["node"]["id"].string } ?? []
            guard connection["pageInfo"]["hasNextPage"].bool == true else { break }
            cursor = connection["pageInfo"]["endCursor"]
        }
        #expect(seen.count == 25)
        #expect(Set(seen).count == 25)
        // Synthetic orders are spread evenly over 2 years from 2024-01-01: the last 5 of 25 start at day 584.
        let recent = try await fake.post(query: #"{ orders(first: 50, query: "updated_at:>'2025-08-07T00:00:00Z'") { nodes { id } } }"#)
        #expect(recent.json["data"]["orders"]["nodes"].array?.count == 5)
        await fake.stop()
    }

    @Test("sortKey UPDATED_AT puts an order changed by tagsAdd last")
    func sortByUpdatedAt() async throws {
        let fake = try await FakeShopify.start()
        await fake.seedSyntheticOrders(count: 5, customers: 2, seed: 3)
        let query = "{ orders(first: 10, sortKey: UPDATED_AT) { nodes { id } } }"
        let before = try await fake.post(query: query).json["data"]["orders"]["nodes"].array?.compactMap { $0["id"].string } ?? []
        #expect(before.count == 5)
        let first = before.first ?? ""
        _ = try await fake.post(query: #"mutation($id: ID!) { tagsAdd(id: $id, tags: ["touched"]) { userErrors { message } } }"#, variables: ["id": .string(first)])
        let after = try await fake.post(query: query).json["data"]["orders"]["nodes"].array?.compactMap { $0["id"].string } ?? []
        #expect(after == Array(before.dropFirst()) + [first])
        let reversed = try await fake.post(query: "{ orders(first: 2, sortKey: UPDATED_AT, reverse: true) { nodes { id } } }")
        #expect(reversed.json["data"]["orders"]["nodes"].at(0)["id"].string == first)
        await fake.stop()
    }
}

extension JSONValue {
    /// The element at `index` of an array, or `.null`.
    func at(_ index: Int) -> JSONValue {
        guard let items = array, items.indices.contains(index) else { return .null }
        return items[index]
    }
}
