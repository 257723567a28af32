import Foundation
import GraphQL
import ShopifyAdmin
import Testing
import TestSupport

/// Every document Storewise sends validates against Shopify's real Admin schema (the pinned version).
@Suite("Admin documents against Shopify's schema")
struct AdminDocumentsSchemaTests {
    /// The 3.6 MB SDL is parsed once for the whole suite (≈1.5 s in release, longer in debug).
    static let schema: GraphQLSchema? = {
        let path = "shopify/admin_graphql/\(AdminEndpoint.defaultAPIVersion)/schema.graphql"
        guard let data = SharedData.data(path, skipping: "AdminDocumentsSchemaTests") else { return nil }
        return try? buildSchema(source: String(decoding: data, as: UTF8.self))
    }()

    static func errors(_ text: String) throws -> [String]? {
        guard let schema else { return nil }
        let ast = try parse(source: text)
        return validate(schema: schema, ast: ast).map(\.message)
    }

    @Test("validates with zero errors", arguments: AdminDocuments.all)
    func validates(_ document: GraphQLDocument) throws {
        guard let errors = try Self.errors(document.text) else { return }
        #expect(errors.isEmpty, "\(document.name): \(errors)")
    }

    @Test("each operation is named after its document, and names are unique", arguments: AdminDocuments.all)
    func named(_ document: GraphQLDocument) {
        let keyword = document.kind == .mutation ? "mutation" : "query"
        #expect(document.text.contains("\(keyword) \(document.name)"), "\(document.name)")
        #expect(AdminDocuments.all.filter { $0.name == document.name }.count == 1)
    }

    @Test("every mutation selects userErrors with field and message")
    func mutationsSelectUserErrors() {
        for document in AdminDocuments.all where document.kind == .mutation {
            #expect(document.text.contains("userErrors { field message"), "\(document.name)")
        }
    }

    @Test("a misspelt field and a bad enum value are rejected (the check can fail)")
    func negative() throws {
        let misspelt = "query Bad { shop { nmae } }"
        let badEnum = """
        mutation BadEnum($id: ID!) {
          orderRiskAssessmentCreate(orderRiskAssessmentInput: {orderId: $id, riskLevel: SEVERE, facts: []}) { userErrors { field message } }
        }
        """
        guard let first = try Self.errors(misspelt), let second = try Self.errors(badEnum) else { return }
        #expect(first.contains { $0.contains("nmae") })
        #expect(second.contains { $0.contains("SEVERE") })
    }
}

extension GraphQLDocument: CustomTestStringConvertible {
    public var testDescription: String { name }
}
