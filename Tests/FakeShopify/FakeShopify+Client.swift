import AsyncHTTPClient
import Foundation
import NIOCore
import ShopifyAdmin

/// A bare HTTP client of the fake for tests that check wire shapes (no pacing, no retries).
extension FakeShopify {
    /// Raw answer of a request to the fake.
    public struct RawResponse: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Data

        /// The body as JSON (`.null` when it is not JSON).
        public var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }

        public func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    /// POSTs a GraphQL document to the fake's endpoint; `token` defaults to the configured access token
    /// (pass "" to send none), `version` to the configured API version.
    public func post(query: String, variables: JSONValue = [:], operationName: String? = nil,
                     token: String? = nil, version: String? = nil) async throws -> RawResponse {
        var body: [String: JSONValue] = ["query": .string(query), "variables": variables]
        if let operationName { body["operationName"] = .string(operationName) }
        let url = baseURL.appendingPathComponent("admin/api/\(version ?? configuration.apiVersion)/graphql.json")
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let token = token ?? configuration.accessToken
        if !token.isEmpty { request.headers.add(name: "X-Shopify-Access-Token", value: token) }
        request.body = .bytes(ByteBuffer(bytes: JSONValue.object(body).canonicalData()))
        return try await send(request)
    }

    /// GETs a URL (bulk files, OAuth) without following redirects.
    public func get(_ url: URL, headers: [(String, String)] = []) async throws -> RawResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        return try await send(request)
    }

    /// POSTs a form or JSON body.
    public func post(_ url: URL, body: Data, contentType: String) async throws -> RawResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await send(request)
    }

    private func send(_ request: HTTPClientRequest) async throws -> RawResponse {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            let buffer = try await response.body.collect(upTo: 256 << 20)
            try await client.shutdown()
            return RawResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Data(buffer: buffer))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
