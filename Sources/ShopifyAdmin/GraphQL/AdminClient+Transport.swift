import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange with the Admin API and its classification: done, retry, or fail.
extension AdminClient {
    /// Why an attempt did not produce a response.
    enum SendFailure: Error {
        /// Not retried (401/403/404, GraphQL errors, bad JSON).
        case fatal(AdminError)
        /// THROTTLED (Shopify applied nothing): `seconds` until the bucket holds the cost, nil when the
        /// response carried no bucket; or HTTP 429: `Retry-After` when given.
        case throttled(seconds: Double?, bucketKnown: Bool, reason: String)
        /// 429 with Retry-After, 5xx, transport: `ambiguous` when Shopify may have applied the request.
        case retryable(seconds: Double?, reason: String, ambiguous: Bool, error: AdminError)
    }

    /// The largest response body read (a page of 250 orders with line items is well under this).
    static let maxResponseBytes = 64 * 1024 * 1024

    func requestBody(_ document: GraphQLDocument, variables: [String: JSONValue]) -> ByteBuffer {
        var body: [String: JSONValue] = ["query": .string(document.text), "variables": .object(variables)]
        // Shopify rejects an operationName the document does not define, so only send one that is there.
        if document.text.contains(" \(document.name)") { body["operationName"] = .string(document.name) }
        return ByteBuffer(bytes: JSONValue.object(body).canonicalData())
    }

    func send(operation: String, body: ByteBuffer, costKey: String) async -> Result<GraphQLResponse, SendFailure> {
        var request = HTTPClientRequest(url: endpoint.graphQLURL.absoluteString)
        request.method = .POST
        request.headers.add(name: "X-Shopify-Access-Token", value: endpoint.accessToken)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(body)
        let status: Int
        let headers: HTTPHeaders
        let bytes: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(options.requestTimeout * 1000)))
            status = Int(response.status.code)
            headers = response.headers
            bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            let reason = String(describing: error)
            return .failure(.retryable(seconds: nil, reason: "transport: \(reason)", ambiguous: true,
                                       error: .transport(operation: operation, reason: reason)))
        }
        let text = String(buffer: bytes)
        switch status {
        case 200: break
        case 429:
            let retryAfter = headers.first(name: "Retry-After").flatMap(Double.init)
            logger.notice("HTTP 429 from Shopify", metadata: ["operation": "\(operation)", "retry_after": "\(retryAfter ?? -1)"])
            return .failure(.throttled(seconds: retryAfter, bucketKnown: false, reason: "HTTP 429"))
        case 500...599:
            return .failure(.retryable(seconds: nil, reason: "HTTP \(status)", ambiguous: true,
                                       error: .http(operation: operation, status: status, body: text)))
        default:
            return .failure(.fatal(.http(operation: operation, status: status, body: text)))
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(Data(bytes.readableBytesView))
        } catch {
            return .failure(.fatal(.invalidResponse(operation: operation, field: "(body)", reason: "not JSON: \(text.prefix(200))")))
        }
        let cost = Self.queryCost(json["extensions"]["cost"])
        let seen = now()
        state.withLock { state in
            if let cost {
                state.bucket.observe(cost.throttleStatus, at: seen)
                state.statistics.pointsSpent += cost.actualQueryCost ?? 0
            }
        }
        let errors = json["errors"].array ?? []
        if !errors.isEmpty {
            if errors.contains(where: { $0["extensions"]["code"].string == "THROTTLED" }) {
                let requested = Double(cost?.requestedQueryCost ?? 0)
                let wait = cost.map { c in max(0, requested - c.throttleStatus.currentlyAvailable) / max(c.throttleStatus.restoreRate, 1) }
                logger.notice("throttled by Shopify", metadata: ["operation": "\(operation)", "requested": "\(Int(requested))",
                                                                 "available": "\(cost?.throttleStatus.currentlyAvailable ?? -1)"])
                return .failure(.throttled(seconds: wait, bucketKnown: cost != nil, reason: "THROTTLED"))
            }
            let messages = errors.map { error -> String in
                let message = error["message"].string ?? error.canonicalString()
                if let path = error["path"].array, !path.isEmpty {
                    return message + " (path " + path.map { $0.string ?? $0.int.map(String.init) ?? "?" }.joined(separator: ".") + ")"
                }
                return message
            }
            return .failure(.fatal(.graphQL(operation: operation, messages: messages)))
        }
        if let cost {
            state.withLock { $0.requestedCost[costKey] = cost.requestedQueryCost }
        }
        logger.debug("admin request", metadata: ["operation": "\(operation)", "requested": "\(cost?.requestedQueryCost ?? -1)",
                                                  "actual": "\(cost?.actualQueryCost ?? -1)",
                                                  "available": "\(cost?.throttleStatus.currentlyAvailable ?? -1)"])
        return .success(GraphQLResponse(data: json["data"], cost: cost))
    }

    /// `extensions.cost` as Shopify sends it, or nil when absent.
    static func queryCost(_ value: JSONValue) -> QueryCost? {
        guard let requested = value["requestedQueryCost"].int,
              let maximum = value["throttleStatus"]["maximumAvailable"].double,
              let available = value["throttleStatus"]["currentlyAvailable"].double,
              let rate = value["throttleStatus"]["restoreRate"].double else { return nil }
        return QueryCost(requestedQueryCost: Int(requested), actualQueryCost: value["actualQueryCost"].int.map { Int($0) },
                         throttleStatus: ThrottleStatus(maximumAvailable: maximum, currentlyAvailable: available, restoreRate: rate))
    }
}
