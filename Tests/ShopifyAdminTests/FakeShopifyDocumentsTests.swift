import Commerce
import Foundation
import ShopifyAdmin
import Simulation
import Testing

@testable import FakeShopify

/// Every document Storewise sends (`AdminDocuments.all`) runs against the fake without a GraphQL error,
/// so the fake answers each field the app asks for (the schema test checks the same documents against Shopify's schema).
@Suite("Fake Shopify answers Storewise's documents")
struct FakeShopifyDocumentsTests {
    /// Plausible variables per document name; documents not listed run without variables.
    static func variables(_ name: String, order: String, customer: String) -> JSONValue {
        switch name {
        case "WebhookSubscriptionCreate": ["topic": "ORDERS_CREATE", "webhookSubscription": ["uri": "https://example.com/webhooks", "format": "JSON"]]
        case "WebhookSubscriptions": ["first": 50, "after": nil]
        case "BulkOperationRunQuery": ["query": .string(BackfillQueries.products.text), "groupObjects": false]
        case "BulkOperation": ["id": "gid://shopify/BulkOperation/1"]
        // Page sizes under the 1,000-point single-query limit: Orders costs 2 + first × 225 by the documented
        // rules (each order: 20 objects, the transactions list 1 + 4, lineItems(first: 25) at 2 + 25 × 7,
        // shippingLines(first: 3) at 2 + 3 × 3, discountApplications(first: 5) at 2 + 5 × 2), Products 2 + first × 103.
        case "Customers", "Products": ["first": 5, "after": nil, "query": "updated_at:>'2000-01-01T00:00:00Z'"]
        case "Orders": ["first": 4, "after": nil, "query": "updated_at:>'2000-01-01T00:00:00Z'"]
        case "OrderRiskAssessmentCreate":
            ["input": ["orderId": .string(order), "riskLevel": "LOW", "facts": [["sentiment": "POSITIVE", "description": "Known customer"]]]]
        case "MetafieldsSet": ["metafields": [["ownerId": .string(customer), "namespace": "storewise", "key": "segment", "type": "single_line_text_field", "value": "loyal"]]]
        case "TagsAdd": ["id": .string(customer), "tags": ["storewise:loyal"]]
        case "DraftOrderCreate": ["input": ["lineItems": [["title": "Restock", "quantity": 2]], "tags": ["storewise-proposal-1"]]]
        case "DiscountCodeBasicCreate":
            ["basicCodeDiscount": ["title": "Back 10", "code": "BACK10", "startsAt": "2025-01-01T00:00:00Z",
                                   "customerGets": ["value": ["percentage": 0.1], "items": ["all": true]], "context": ["all": "ALL"]]]
        case "OrderRiskAssessments": ["id": .string(order)]
        case "DraftOrdersByQuery": ["first": 5, "query": "tag:storewise-proposal-1"]
        case "CodeDiscountNodeByCode": ["code": "BACK10"]
        default: [:]
        }
    }

    @Test("every AdminDocuments query and mutation answers without errors; every bulk query completes")
    func allDocuments() async throws {
        let fake = try await FakeShopify.start()
        await fake.seed(from: StoreSimulator(configuration: .small), orderLimit: 80)
        let firstOrder = try await fake.post(query: "{ orders(first: 1) { nodes { id customer { id } } } }").json["data"]["orders"]["nodes"].array?.first
        let order = firstOrder?["id"].string ?? ""
        let customer = firstOrder?["customer"]["id"].string ?? ""
        #expect(!order.isEmpty && !customer.isEmpty)
        for document in AdminDocuments.all {
            if document.kind == .bulkQuery {
                let operation = try await FakeShopifyBulkTests.run(fake, query: document.text)
                #expect(operation["status"].string == "COMPLETED", "\(document.name)")
                #expect((operation["rootObjectCount"].int ?? 0) > 0, "\(document.name)")
                continue
            }
            let response = try await fake.post(query: document.text, variables: Self.variables(document.name, order: order, customer: customer),
                                               operationName: document.name)
            #expect(response.status == 200, "\(document.name)")
            #expect(response.json["errors"].isNull, "\(document.name): \(response.json["errors"])")
            let payload = response.json["data"].object?.values.first ?? .null
            #expect(payload["userErrors"].array?.isEmpty ?? true, "\(document.name): \(payload["userErrors"])")
            // The bulk run above is still RUNNING for the next one: wait until it is done.
            if document.name == "BulkOperationRunQuery" {
                let id = payload["bulkOperation"]["id"].string ?? ""
                for _ in 0..<200 {
                    let status = try await fake.post(query: FakeShopifyBulkTests.poll, variables: ["id": .string(id)]).json["data"]["bulkOperation"]["status"]
                    if status.string == "COMPLETED" { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
        }
        await fake.stop()
    }
}
