import Foundation
import ShopifyAdmin
import Testing
import TestSupport

/// Shopify's cost rules (object 1, scalar 0, connection 2 + first × node, mutation 10) by hand.
@Suite("Cost estimator")
struct CostEstimatorTests {
    @Test("an object with scalars costs 1")
    func object() {
        #expect(CostEstimator.estimate("query ShopInfo { shop { name myshopifyDomain currencyCode } }") == 1)
    }

    @Test("a connection costs 2 + first × node, from a variable")
    func connection() {
        let text = """
        query Orders($first: Int!, $after: String) {
          orders(first: $first, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } }
        }
        """
        // 2 + 10 × 1 = 12.
        #expect(CostEstimator.estimate(text, variables: ["first": 10]) == 12)
        // 2 + 250 × 1 = 252.
        #expect(CostEstimator.estimate(text, variables: ["first": 250]) == 252)
    }

    @Test("nested connections multiply; edges/node and a declared default count")
    func nested() {
        let text = """
        query Orders($first: Int = 10) {
          orders(first: $first) {
            edges { cursor node { id customer { id } lineItems(first: 5) { edges { node { quantity variant { id } } } } } }
          }
        }
        """
        // line item node: 1 + variant 1 = 2 → lineItems 2 + 5 × 2 = 12; order node: 1 + customer 1 + 12 = 14;
        // orders: 2 + 10 × 14 = 142.
        #expect(CostEstimator.estimate(text) == 142)
    }

    @Test("a mutation's root field costs 10 whatever it selects")
    func mutation() {
        let text = """
        mutation TagsAdd($id: ID!, $tags: [String!]!) {
          tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
        }
        """
        #expect(CostEstimator.estimate(text) == 10)
    }

    @Test("the estimate of a real captured query is within a factor of two of what Shopify asked")
    func capturedQuery() throws {
        guard let data = SharedData.data("shopify/graphql_cost_example.json") else { return }
        let capture = try JSONValue.parse(data)
        let text = try #require(capture["query"].string)
        let variables = try #require(capture["variables"].object)
        // Shopify asked 69 points (README §4); it prices search filters and counts above the published base rules.
        let estimate = CostEstimator.estimate(text, variables: variables)
        #expect(estimate >= 69 / 2 && estimate <= 69 * 2)
    }
}
