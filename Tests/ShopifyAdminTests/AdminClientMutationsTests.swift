import AsyncHTTPClient
import Commerce
import FakeShopify
import Foundation
import GraphQL
import ShopifyAdmin
import Testing
import TestSupport

/// The typed mutations and probes against the fake, and the variables they send checked against
/// Shopify's schema (input types, required fields, enum values) by GraphQL's own variable coercion.
@Suite("Admin client mutations and probes")
struct AdminClientMutationsTests {
    /// An order with a customer and a variant from the fake's synthetic store.
    static func anOrder(_ client: AdminClient) async throws -> (order: String, customer: String, variant: String) {
        let document = GraphQLDocument(name: "AnOrder", kind: .query, text: """
        query AnOrder { orders(first: 1) { nodes { id customer { id } lineItems(first: 1) { nodes { variant { id } } } } } }
        """)
        let node = try #require(try await client.execute(document).data["orders"]["nodes"].array?.first)
        let variant = try #require(node["lineItems"]["nodes"].array?.first?["variant"]["id"].string)
        return (try #require(node["id"].string), try #require(node["customer"]["id"].string), variant)
    }

    /// Coercion errors of `variables` for `document` under the real schema (execution resolves nothing:
    /// every root field is nullable and there is no resolver, so only variable errors can appear).
    static func variableErrors(_ document: GraphQLDocument, _ variables: JSONValue) async throws -> [String]? {
        guard let schema = AdminDocumentsSchemaTests.schema else { return nil }
        let map = try JSONDecoder().decode([String: Map].self, from: variables.canonicalData())
        let result = try await graphql(schema: schema, request: document.text, variableValues: map)
        return result.errors.map(\.message)
    }

    @Test("each mutation applies once, returns its id, the probe then finds it, and its variables fit the schema")
    func mutationsAndProbes() async throws {
        let fake = try await FakeShopify.start()
        await fake.seedSyntheticOrders(count: 3, customers: 2)
        let client = AdminClient(endpoint: fake.endpoint, httpClient: .shared)
        let (order, customer, variant) = try await Self.anOrder(client)

        let facts = [(description: "Billing and shipping countries differ", sentiment: "NEGATIVE"),
                     (description: "Returning customer", sentiment: "POSITIVE")]
        #expect(try await !client.riskAssessmentExists(orderID: order, level: "MEDIUM", factDescriptions: facts.map(\.description)))
        let assessment = try await client.createRiskAssessment(orderID: order, level: "MEDIUM", facts: facts)
        #expect(assessment["riskLevel"] == "MEDIUM")
        #expect(try await client.riskAssessmentExists(orderID: order, level: "MEDIUM", factDescriptions: facts.map(\.description)))

        let ids = try await client.setMetafields([MetafieldInput(ownerID: customer, namespace: "storewise", key: "clv_90d",
                                                                 value: "123.45", type: "number_decimal")])
        #expect(ids.count == 1)
        #expect(await fake.metafields(of: customer).count == 1)

        #expect(try await client.addTags(id: customer, tags: ["storewise-vip"]) == customer)
        #expect(await fake.tags(of: customer)?.contains("storewise-vip") == true)

        #expect(try await client.draftOrder(taggedWith: "storewise-proposal-7") == nil)
        let draft = try await client.createDraftOrder(DraftOrderInput(customerID: customer, lineItems: [.init(variantID: variant, quantity: 2)],
                                                                      note: "Reorder suggested by Storewise", tags: ["storewise-proposal-7"]))
        #expect(draft.hasPrefix("gid://shopify/DraftOrder/"))
        #expect(try await client.draftOrder(taggedWith: "storewise-proposal-7") == draft)
        #expect(await fake.draftOrders.first?.lines.first?.quantity == 2)

        #expect(try await client.discountCode("comeback-15") == nil)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let discount = try await client.createBasicDiscountCode(BasicDiscountInput(
            title: "Win-back 15%", code: "comeback-15", value: .percentage(0.15), startsAt: start,
            endsAt: start.addingTimeInterval(14 * 86_400), customers: .specific([customer]), usageLimit: 1))
        #expect(try await client.discountCode("comeback-15") == discount)
        #expect(await fake.discounts.first?.usageLimit == 1)

        let recorded = await fake.recordedMutations()
        #expect(recorded.filter(\.applied).count == 5)
        let documents = Dictionary(uniqueKeysWithValues: AdminDocuments.all.map { ($0.name, $0) })
        let byField = ["orderRiskAssessmentCreate": "OrderRiskAssessmentCreate", "metafieldsSet": "MetafieldsSet", "tagsAdd": "TagsAdd",
                       "draftOrderCreate": "DraftOrderCreate", "discountCodeBasicCreate": "DiscountCodeBasicCreate"]
        for mutation in recorded {
            let document = try #require(byField[mutation.field].flatMap { documents[$0] })
            guard let errors = try await Self.variableErrors(document, mutation.variables) else { return }
            #expect(errors.isEmpty, "\(mutation.field): \(errors)")
        }
        await fake.stop()
    }

    @Test("a fixed-amount discount for everyone fits the schema too; a wrong input is caught by the same check")
    func discountVariants() async throws {
        let input = BasicDiscountInput(title: "Ten off", code: "ten-off", value: .fixedAmount("10.00", appliesOnEachItem: false),
                                       startsAt: Date(timeIntervalSince1970: 1_790_000_000))
        guard let errors = try await Self.variableErrors(AdminDocuments.discountCodeBasicCreate, ["basicCodeDiscount": input.variable]) else { return }
        #expect(errors.isEmpty, "\(errors)")
        // The same check rejects an input Shopify would: an unknown field and a bad enum value.
        let wrong: JSONValue = ["input": ["orderId": "gid://shopify/Order/1", "riskLevel": "SEVERE", "facts": [], "score": 3]]
        let rejected = try await Self.variableErrors(AdminDocuments.orderRiskAssessmentCreate, wrong) ?? []
        #expect(rejected.contains { $0.contains("SEVERE") || $0.contains("score") })
    }

    @Test("the webhook topics Storewise subscribes are values of Shopify's WebhookSubscriptionTopic")
    func webhookTopics() async throws {
        for topic in WebhookTopic.known {
            guard let value = WebhookRegistration.subscriptionTopic(for: topic) else { continue }
            let variables: JSONValue = ["topic": .string(value), "webhookSubscription": ["uri": "https://x.example/webhooks", "format": "JSON"]]
            guard let errors = try await Self.variableErrors(AdminDocuments.webhookSubscriptionCreate, variables) else { return }
            #expect(errors.isEmpty, "\(topic.rawValue) → \(value): \(errors)")
        }
        #expect(WebhookRegistration.subscriptionTopic(for: .ordersCreate) == "ORDERS_CREATE")
        #expect(WebhookRegistration.subscriptionTopic(for: .inventoryLevelsUpdate) == "INVENTORY_LEVELS_UPDATE")
        #expect(WebhookRegistration.subscriptionTopic(for: .customersRedact) == nil)
    }
}
